using Federation.Common;
using Federation.Sql.Parsing;
using static Federation.Sql.Tests.TestParse;

namespace Federation.Sql.Tests;

public sealed class ParseErrorTests
{
    [Theory]
    [InlineData("SELECT * FORM t", "syntax error at or near \"FORM\" (line 1, column 10)")]
    [InlineData("SELECT a FORM t", "syntax error at or near \"t\" (line 1, column 15)")] // FORM is taken as an alias
    [InlineData("SELECT * FROM", "syntax error at end of input (line 1, column 14): expected a table name")]
    [InlineData("SELECT a +", "syntax error at end of input (line 1, column 11)")]
    [InlineData("SELECT a FROM t WHERE", "syntax error at end of input (line 1, column 22)")]
    [InlineData("SELECT (a + b FROM t", "syntax error at or near \"FROM\" (line 1, column 15): expected \")\"")]
    [InlineData("SELECT *\nFROM t\nWHERE a = = b", "syntax error at or near \"=\" (line 3, column 11)")]
    [InlineData("SELECT 1 2", "syntax error at or near \"2\" (line 1, column 10)")]
    [InlineData("SELECT 'it''s' 'x'", "syntax error at or near \"'x'\" (line 1, column 16)")]
    [InlineData("SELEC 1", "syntax error at or near \"SELEC\" (line 1, column 1)")]
    [InlineData("SELECT a @ b", "syntax error at or near \"@\" (line 1, column 10)")]
    [InlineData("SELECT a FROM t; SELECT", "syntax error at end of input (line 1, column 24)")]
    [InlineData("SELECT 1 SELECT 2", "syntax error at or near \"SELECT\" (line 1, column 10)")]
    public void Syntax_errors_name_the_offending_token_and_its_position(string sql, string message)
    {
        Assert.Equal(message, Error(sql));
    }

    [Theory]
    [InlineData("SELECT a = b = c", "syntax error at or near \"=\" (line 1, column 14)")]
    [InlineData("SELECT a < b < c", "syntax error at or near \"<\" (line 1, column 14)")]
    [InlineData("SELECT a LIKE b LIKE c", "syntax error at or near \"LIKE\" (line 1, column 17)")]
    [InlineData("SELECT a IN (1) IN (2)", "syntax error at or near \"IN\" (line 1, column 17)")]
    public void Comparisons_and_pattern_matches_do_not_chain(string sql, string message)
    {
        Assert.Equal(message, Error(sql));
    }

    [Theory]
    [InlineData("SELECT select FROM t", "syntax error at or near \"select\" (line 1, column 8)")]
    [InlineData("SELECT a FROM from", "syntax error at or near \"from\" (line 1, column 15): expected a table name")]
    [InlineData("SELECT a FROM t AS order", "syntax error at or near \"order\" (line 1, column 20): expected an alias")]
    [InlineData("SELECT a FROM t WHERE left = 1", "syntax error at or near \"left\" (line 1, column 23)")]
    [InlineData("SELECT a where FROM t", "syntax error at or near \"FROM\" (line 1, column 16)")]
    [InlineData("CREATE TABLE t (select int)", "syntax error at or near \"select\" (line 1, column 17): expected a column name")]
    public void Reserved_keywords_are_not_names(string sql, string message)
    {
        Assert.Equal(message, Error(sql));
    }

    [Theory]
    [InlineData("SELECT (1", "syntax error at end of input (line 1, column 10): expected \")\"")]
    [InlineData("SELECT CAST(a int)", "syntax error at or near \"int\" (line 1, column 15): expected AS")]
    [InlineData("SELECT CASE END", "syntax error at or near \"END\" (line 1, column 13)")]
    [InlineData("SELECT CASE a END", "syntax error at or near \"END\" (line 1, column 15): expected WHEN")]
    [InlineData("SELECT a BETWEEN 1 OR 2", "syntax error at or near \"OR\" (line 1, column 20): expected AND")]
    [InlineData("SELECT a IS 5", "syntax error at or near \"5\" (line 1, column 13): expected NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM")]
    [InlineData("SELECT * FROM a JOIN b", "syntax error at end of input (line 1, column 23): expected ON or USING")]
    [InlineData("SELECT a::", "syntax error at end of input (line 1, column 11): expected a type name")]
    [InlineData("SELECT a::varchar(x)", "syntax error at or near \"x\" (line 1, column 19): expected an integer type modifier")]
    [InlineData("SELECT INTERVAL 3", "syntax error at end of input (line 1, column 18): expected an interval unit such as DAY")]
    [InlineData("SELECT INTERVAL '1' DAY TO YEAR", "syntax error at or near \"YEAR\" (line 1, column 28): expected an interval field after DAY TO")]
    [InlineData("SELECT a FROM t LIMIT 1, 2", "syntax error at or near \",\" (line 1, column 24): LIMIT #,# syntax is not supported; use separate LIMIT and OFFSET clauses")]
    [InlineData("SELECT a FROM t LIMIT 1 LIMIT 2", "syntax error at or near \"LIMIT\" (line 1, column 25): multiple LIMIT clauses are not allowed")]
    [InlineData("SELECT TOP 1 a FROM t LIMIT 2", "syntax error at or near \"LIMIT\" (line 1, column 23): TOP cannot be combined with LIMIT or FETCH")]
    [InlineData("SELECT a FROM t ORDER BY a NULLS", "syntax error at end of input (line 1, column 33): expected FIRST or LAST")]
    [InlineData("SELECT 1 UNION 2", "syntax error at or near \"2\" (line 1, column 16): expected SELECT, VALUES or \"(\"")]
    [InlineData("SELECT (1, 2)", "syntax error at or near \",\" (line 1, column 10): row constructors are not supported")]
    [InlineData("VALUES (1, 2), (3)", "VALUES lists must all be the same length (line 1, column 16)")]
    public void Incomplete_constructs_say_what_was_expected(string sql, string message)
    {
        Assert.Equal(message, Error(sql));
    }

    [Theory]
    [InlineData("SELECT DISTINCT ON (a) a FROM t", "syntax error at or near \"ON\" (line 1, column 17): DISTINCT ON is not supported")]
    [InlineData("SELECT string_agg(a, ',' ORDER BY a) FROM t", "syntax error at or near \"ORDER\" (line 1, column 26): ORDER BY inside an argument list is not supported; use WITHIN GROUP (ORDER BY ...)")]
    [InlineData("SELECT a FROM t GROUP BY ROLLUP (a)", "syntax error at or near \"ROLLUP\" (line 1, column 26): ROLLUP, CUBE and GROUPING SETS are not supported")]
    [InlineData("SELECT a FROM t GROUP BY GROUPING SETS ((a))", "syntax error at or near \"GROUPING\" (line 1, column 26): ROLLUP, CUBE and GROUPING SETS are not supported")]
    [InlineData("SELECT a FROM t GROUP BY ()", "syntax error at or near \"(\" (line 1, column 26): empty grouping sets are not supported")]
    [InlineData("SELECT sum(a) OVER (ORDER BY a GROUPS 1 PRECEDING) FROM t", "syntax error at or near \"GROUPS\" (line 1, column 32): GROUPS frames are not supported")]
    [InlineData("SELECT a FROM t FETCH FIRST 1 ROWS WITH TIES", "syntax error at or near \"WITH\" (line 1, column 36): FETCH ... WITH TIES is not supported")]
    [InlineData("SELECT a SIMILAR TO 'x' ESCAPE '!'", "syntax error at or near \"ESCAPE\" (line 1, column 25): SIMILAR TO ... ESCAPE is not supported")]
    [InlineData("SELECT * FROM LATERAL f(x)", "syntax error at or near \"f\" (line 1, column 23): LATERAL is supported only before a subquery")]
    [InlineData("SELECT * FROM (a JOIN b ON true) AS j", "syntax error at or near \"AS\" (line 1, column 34): aliases on parenthesised joins are not supported")]
    [InlineData("WITH x AS MATERIALIZED (SELECT 1) SELECT 1", "syntax error at or near \"MATERIALIZED\" (line 1, column 11): MATERIALIZED hints are not supported")]
    [InlineData("INSERT INTO t DEFAULT VALUES", "syntax error at or near \"DEFAULT\" (line 1, column 15): DEFAULT VALUES is not supported")]
    [InlineData("INSERT INTO t VALUES (DEFAULT)", "syntax error at or near \"DEFAULT\" (line 1, column 23)")]
    public void Unsupported_syntax_is_rejected_clearly(string sql, string message)
    {
        Assert.Equal(message, Error(sql));
    }

    [Theory]
    [InlineData("CREATE TABLE t (a int PRIMARY KEY)", "syntax error at or near \"PRIMARY\" (line 1, column 23): column constraints other than NOT NULL and NULL are not supported")]
    [InlineData("CREATE TABLE t (a int DEFAULT 1)", "syntax error at or near \"DEFAULT\" (line 1, column 23): column constraints other than NOT NULL and NULL are not supported")]
    [InlineData("CREATE TABLE t (a int IDENTITY(1,1))", "syntax error at or near \"IDENTITY\" (line 1, column 23): column constraints other than NOT NULL and NULL are not supported")]
    [InlineData("CREATE TABLE t (a int, PRIMARY KEY (a))", "syntax error at or near \"PRIMARY\" (line 1, column 24): table constraints are not supported")]
    [InlineData("CREATE TABLE t (a int NOT NULL NULL)", "conflicting NULL/NOT NULL declarations for column \"a\" (line 1, column 32)")]
    [InlineData("CREATE TABLE t (a int b int)", "syntax error at or near \"b\" (line 1, column 23): expected \",\" or \")\"")]
    [InlineData("CREATE TABLE t", "syntax error at end of input (line 1, column 15): expected \"(\" or AS")]
    [InlineData("CREATE TABLE t (a, b)", "syntax error at end of input (line 1, column 22): expected AS")]
    [InlineData("CREATE TABLE t (a int) AS SELECT 1", "syntax error at or near \"AS\" (line 1, column 24)")]
    [InlineData("CREATE VIEW v AS SELECT 1", "syntax error at or near \"VIEW\" (line 1, column 8): expected TABLE")]
    [InlineData("DROP VIEW v", "syntax error at or near \"VIEW\" (line 1, column 6): expected TABLE or SCHEMA")]
    [InlineData("EXPLAIN (COSTS) SELECT 1", "unrecognized EXPLAIN option \"costs\" (line 1, column 10)")]
    [InlineData("EXPLAIN CREATE TABLE t (a int)", "syntax error at or near \"CREATE\" (line 1, column 9): EXPLAIN accepts only queries, INSERT and CREATE TABLE ... AS")]
    [InlineData("EXPLAIN CREATE EXTERNAL TABLE s.t (a int) STORED AS PARQUET LOCATION 'x'", "syntax error at or near \"CREATE\" (line 1, column 9): EXPLAIN accepts only queries, INSERT and CREATE TABLE ... AS")]
    [InlineData("EXPLAIN ALTER TABLE s.t RECOVER PARTITIONS", "syntax error at or near \"ALTER\" (line 1, column 9)")]
    [InlineData("EXPLAIN SET x = 1", "syntax error at or near \"SET\" (line 1, column 9)")]
    [InlineData("SET x 1", "syntax error at or near \"1\" (line 1, column 7): expected \"=\" or TO")]
    [InlineData("UPDATE t SET a = 1", "syntax error at or near \"UPDATE\" (line 1, column 1)")]
    public void Statement_errors(string sql, string message)
    {
        Assert.Equal(message, Error(sql));
    }

    [Theory]
    [InlineData("SELECT sum(x) OVER (ROWS UNBOUNDED FOLLOWING) FROM t", "frame start cannot be UNBOUNDED FOLLOWING (line 1, column 26)")]
    [InlineData("SELECT sum(x) OVER (ROWS BETWEEN CURRENT ROW AND UNBOUNDED PRECEDING) FROM t", "frame end cannot be UNBOUNDED PRECEDING (line 1, column 50)")]
    [InlineData("SELECT sum(x) OVER (ROWS BETWEEN CURRENT ROW AND 1 PRECEDING) FROM t", "frame starting from current row cannot have preceding rows (line 1, column 50)")]
    [InlineData("SELECT sum(x) OVER (ROWS BETWEEN 1 FOLLOWING AND CURRENT ROW) FROM t", "frame starting from following row cannot have preceding rows (line 1, column 50)")]
    public void Invalid_window_frames(string sql, string message)
    {
        Assert.Equal(message, Error(sql));
    }

    [Fact]
    public void Parse_statement_rejects_a_second_statement()
    {
        var error = Assert.Throws<FederationException>(() => SqlParser.ParseStatement("SELECT 1; SELECT 2"));
        Assert.Equal("syntax error at or near \"SELECT\" (line 1, column 11): expected a single statement", error.Message);
    }

    [Fact]
    public void Parse_expression_rejects_trailing_tokens()
    {
        var error = Assert.Throws<FederationException>(() => SqlParser.ParseExpression("a + b c"));
        Assert.Equal("syntax error at or near \"c\" (line 1, column 7)", error.Message);
    }

    [Fact]
    public void Empty_input_is_an_error_for_single_statements_and_expressions()
    {
        Assert.Equal(
            "syntax error at end of input (line 1, column 1)",
            Assert.Throws<FederationException>(() => SqlParser.ParseStatement("  ")).Message);
        Assert.Equal(
            "syntax error at end of input (line 1, column 1)",
            Assert.Throws<FederationException>(() => SqlParser.ParseExpression("")).Message);
    }

    [Fact]
    public void Lexical_errors_surface_through_the_parser()
    {
        Assert.Equal("unterminated quoted string (line 2, column 8)", Error("SELECT 1;\nSELECT 'oops"));
    }

    [Fact]
    public void Errors_are_syntax_errors_in_the_plan_category()
    {
        var error = Assert.Throws<FederationException>(() => SqlParser.Parse("SELECT FROM"));
        Assert.Equal(ErrorCode.SyntaxError, error.Code);
        Assert.Equal(ErrorCategory.Plan, error.Category);
    }
}
