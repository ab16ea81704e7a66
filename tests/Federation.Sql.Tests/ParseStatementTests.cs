using Federation.Sql.Ast;
using Federation.Sql.Parsing;
using static Federation.Sql.Tests.TestParse;

namespace Federation.Sql.Tests;

public sealed class ParseStatementTests
{
    [Fact]
    public void Parse_splits_on_semicolons_and_skips_empty_statements()
    {
        IReadOnlyList<Statement> statements = SqlParser.Parse(";; SELECT 1;;\n SHOW ALL ; ; DROP TABLE t;");
        Assert.Collection(
            statements,
            s => Assert.IsType<QueryStatement>(s),
            s => Assert.IsType<ShowStatement>(s),
            s => Assert.IsType<DropTableStatement>(s));
        Assert.Equal(new SourcePosition(2, 2), statements[1].Position);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(";;")]
    [InlineData("-- only a comment")]
    public void Parse_of_nothing_is_no_statements(string sql)
    {
        Assert.Empty(SqlParser.Parse(sql));
    }

    [Fact]
    public void Parse_statement_allows_a_trailing_semicolon()
    {
        Assert.IsType<QueryStatement>(SqlParser.ParseStatement("SELECT 1;"));
    }

    [Theory]
    [InlineData("EXPLAIN SELECT 1", "(explain (query (select [1])))")]
    [InlineData("EXPLAIN ANALYZE SELECT 1", "(explain analyze (query (select [1])))")]
    [InlineData("EXPLAIN ANALYSE VERBOSE SELECT 1", "(explain analyze verbose (query (select [1])))")]
    [InlineData("EXPLAIN VERBOSE SELECT 1", "(explain verbose (query (select [1])))")]
    [InlineData("EXPLAIN (ANALYZE, VERBOSE) SELECT 1", "(explain analyze verbose (query (select [1])))")]
    [InlineData("EXPLAIN (ANALYZE true, VERBOSE off) SELECT 1", "(explain analyze (query (select [1])))")]
    [InlineData("EXPLAIN (VERBOSE 1) SELECT 1", "(explain verbose (query (select [1])))")]
    [InlineData("EXPLAIN (SELECT 1)", "(explain (query (select [1])))")]
    [InlineData("EXPLAIN WITH x AS (SELECT 1) SELECT * FROM x", "(explain (query :with [(x (query (select [1])))] (select [*] :from [x])))")]
    public void Explain(string sql, string expected)
    {
        Assert.Equal(expected, AstFormatter.Format(SqlParser.ParseStatement(sql)));
    }

    [Fact]
    public void Explain_of_insert_and_create_table_as()
    {
        var insert = Statement<ExplainStatement>("EXPLAIN ANALYZE INSERT INTO t SELECT 1");
        Assert.IsType<InsertStatement>(insert.Statement);
        Assert.True(insert.Analyze);

        var create = Statement<ExplainStatement>("EXPLAIN CREATE TABLE t AS SELECT 1");
        Assert.IsType<CreateTableStatement>(create.Statement);
    }

    [Fact]
    public void Create_table_with_columns()
    {
        var create = Statement<CreateTableStatement>(
            "CREATE TABLE IF NOT EXISTS s.lineitem (l_orderkey BIGINT NOT NULL, l_price DECIMAL(15,2) NULL, "
            + "l_comment VARCHAR(44), l_ts TIMESTAMP WITH TIME ZONE, \"Mixed\" double precision not null)");
        Assert.Equal("s.lineitem", create.Name.ToString());
        Assert.True(create.IfNotExists);
        Assert.False(create.Temporary);
        Assert.Null(create.AsQuery);
        Assert.Null(create.AsColumnNames);
        Assert.Equal(
            ["l_orderkey bigint True", "l_price decimal(15,2) False", "l_comment varchar(44) False",
             "l_ts timestamp with time zone False", "\"Mixed\" double precision True"],
            create.Columns.Select(c => $"{c.Name} {c.Type} {c.NotNull}"));
        Assert.Equal(new SourcePosition(1, 40), create.Columns[0].Position);
        Assert.Equal(new SourcePosition(1, 51), create.Columns[0].Type.Position);
    }

    [Theory]
    [InlineData("CREATE TEMP TABLE t (a int)")]
    [InlineData("CREATE TEMPORARY TABLE t (a int)")]
    public void Create_temporary_table(string sql)
    {
        Assert.True(Statement<CreateTableStatement>(sql).Temporary);
    }

    [Fact]
    public void Create_table_accepts_and_ignores_redshift_attributes()
    {
        var create = Statement<CreateTableStatement>(
            "CREATE TABLE t (a int ENCODE zstd DISTKEY, b varchar(10) ENCODE lzo SORTKEY NOT NULL) "
            + "BACKUP NO DISTSTYLE KEY DISTKEY (a) COMPOUND SORTKEY (a, b) ENCODE AUTO");
        Assert.Equal(["a int False", "b varchar(10) True"], create.Columns.Select(c => $"{c.Name} {c.Type} {c.NotNull}"));

        Statement<CreateTableStatement>("CREATE TABLE t (a int) DISTSTYLE EVEN SORTKEY AUTO");
        Statement<CreateTableStatement>("CREATE TABLE t (a int) INTERLEAVED SORTKEY (a)");
    }

    [Fact]
    public void Create_table_without_columns()
    {
        Assert.Empty(Statement<CreateTableStatement>("CREATE TABLE t ()").Columns);
    }

    [Fact]
    public void Create_table_as()
    {
        var create = Statement<CreateTableStatement>("CREATE TABLE t AS SELECT a FROM u");
        Assert.Equal("(query (select [a] :from [u]))", AstFormatter.Format(create.AsQuery!));
        Assert.Empty(create.Columns);
        Assert.Null(create.AsColumnNames);

        var named = Statement<CreateTableStatement>("CREATE TEMP TABLE IF NOT EXISTS t (x, y) DISTKEY (x) AS (SELECT 1, 2)");
        Assert.Equal(["x", "y"], named.AsColumnNames!.Select(c => c.Value));
        Assert.True(named.Temporary);
        Assert.True(named.IfNotExists);
        Assert.Equal("(query (select [1 2]))", AstFormatter.Format(named.AsQuery!));
    }

    [Fact]
    public void Insert_values_and_select()
    {
        var values = Statement<InsertStatement>("INSERT INTO s.t (a, \"B\") VALUES (1, 'x'), (2, NULL)");
        Assert.Equal("s.t", values.Table.ToString());
        Assert.Equal(["a", "\"B\""], values.Columns!.Select(c => c.ToString()));
        Assert.Equal("(query (values [1 'x'] [2 null]))", AstFormatter.Format(values.Source));

        var select = Statement<InsertStatement>("INSERT INTO t SELECT * FROM u WHERE a > 1");
        Assert.Null(select.Columns);
        Assert.Equal("(query (select [*] :from [u] :where (> a 1)))", AstFormatter.Format(select.Source));

        var parenthesised = Statement<InsertStatement>("INSERT INTO t (SELECT 1)");
        Assert.Null(parenthesised.Columns);

        var with = Statement<InsertStatement>("INSERT INTO t (a) WITH x AS (SELECT 1) SELECT * FROM x");
        Assert.NotNull(with.Source.With);
    }

    [Fact]
    public void Drop_table()
    {
        var drop = Statement<DropTableStatement>("DROP TABLE IF EXISTS a, s.b CASCADE");
        Assert.Equal(["a", "s.b"], drop.Names.Select(n => n.ToString()));
        Assert.True(drop.IfExists);
        Assert.True(drop.Cascade);

        var plain = Statement<DropTableStatement>("drop table t restrict");
        Assert.False(plain.IfExists);
        Assert.False(plain.Cascade);
    }

    [Theory]
    [InlineData("SET search_path = public", "search_path", "'public'", false)]
    [InlineData("SET enable_hashjoin TO on", "enable_hashjoin", "'on'", false)]
    [InlineData("SET SESSION datestyle TO ISO", "datestyle", "'iso'", false)]
    [InlineData("SET LOCAL work_mem = '64MB'", "work_mem", "'64MB'", true)]
    [InlineData("SET statement_timeout = 1000", "statement_timeout", "1000", false)]
    [InlineData("SET extra_float_digits = -1", "extra_float_digits", "(neg 1)", false)]
    [InlineData("SET enable_x = true", "enable_x", "true", false)]
    [InlineData("SET application_name = \"My App\"", "application_name", "'My App'", false)]
    [InlineData("SET TIME ZONE 'UTC'", "timezone", "'UTC'", false)]
    [InlineData("SET x = DEFAULT", "x", null, false)]
    [InlineData("SET x TO DEFAULT", "x", null, false)]
    [InlineData("SET TIME ZONE LOCAL", "timezone", null, false)]
    public void Set(string sql, string name, string? value, bool local)
    {
        var set = Statement<SetStatement>(sql);
        Assert.Equal(name, set.Name.Value);
        Assert.Equal(value, set.Value is null ? null : AstFormatter.Format(set.Value));
        Assert.Equal(local, set.Local);
    }

    [Theory]
    [InlineData("RESET ALL", null)]
    [InlineData("RESET search_path", "search_path")]
    [InlineData("RESET TIME ZONE", "timezone")]
    public void Reset(string sql, string? name)
    {
        Assert.Equal(name, Statement<ResetStatement>(sql).Name?.Value);
    }

    [Theory]
    [InlineData("SHOW ALL", null)]
    [InlineData("SHOW search_path", "search_path")]
    [InlineData("SHOW \"Odd\"", "Odd")]
    [InlineData("show time zone", "timezone")]
    public void Show(string sql, string? name)
    {
        Assert.Equal(name, Statement<ShowStatement>(sql).Name?.Value);
    }

    [Theory]
    [InlineData("SELECT 1")]
    [InlineData("EXPLAIN SELECT * FROM t WHERE a IN (SELECT b FROM u)")]
    [InlineData("CREATE TABLE t (a int NOT NULL, b numeric(10, 2))")]
    [InlineData("CREATE TABLE t (a, b) AS SELECT 1, 2")]
    [InlineData("INSERT INTO t (a) VALUES (1), (2)")]
    [InlineData("DROP TABLE a, b")]
    [InlineData("SET x = on")]
    [InlineData("SET TIME ZONE 'UTC'")]
    [InlineData("RESET x")]
    [InlineData("SHOW x")]
    [InlineData("WITH x AS (SELECT 1) SELECT * FROM x, LATERAL (SELECT 1) l JOIN read_csv('f') f ON true")]
    public void Every_statement_node_has_a_position(string sql)
    {
        foreach (SqlNode node in AstNodes.DescendantsAndSelf(SqlParser.ParseStatement(sql)))
        {
            Assert.True(node.Position.Line > 0, $"{node.GetType().Name} has no position in {sql}");
        }
    }

    [Fact]
    public void Split_statements_respects_strings_comments_and_dollar_quotes()
    {
        const string script = """
            -- setup; not a statement
            CREATE TABLE t (a int);
            INSERT INTO t VALUES (1) /* ; */ ;
            SELECT 'a;b', "c;d", $$e;f$$, $tag$ ; $tag$ FROM t;;
            ;
            SELECT E'\';' -- last one has no semicolon
            """;
        Assert.Equal(
            [
                "CREATE TABLE t (a int)",
                "INSERT INTO t VALUES (1)",
                "SELECT 'a;b', \"c;d\", $$e;f$$, $tag$ ; $tag$ FROM t",
                "SELECT E'\\';'",
            ],
            SqlParser.SplitStatements(script));
    }

    [Fact]
    public void Split_statements_does_not_parse()
    {
        Assert.Equal(["this is @ not sql", "neither is this"], SqlParser.SplitStatements("this is @ not sql; neither is this"));
        Assert.Empty(SqlParser.SplitStatements(" ; -- nothing\n ;"));
    }
}
