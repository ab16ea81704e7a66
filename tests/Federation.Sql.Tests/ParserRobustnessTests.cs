using System.Text;
using Federation.Common;
using Federation.Sql.Lexing;
using Federation.Sql.Parsing;

namespace Federation.Sql.Tests;

/// <summary>
/// Bad input of every shape must end in a FederationException (or parse): never an IndexOutOfRange,
/// a NullReference, an InvalidOperation or a stack overflow.
/// </summary>
public sealed class ParserRobustnessTests
{
    private static readonly string[] ExtraSamples =
    [
        "SELECT a, b::int, CAST(c AS varchar(10)) x FROM s.t AS t1 LEFT JOIN u USING (a) WHERE a NOT BETWEEN 1 AND 2 ORDER BY 1 DESC NULLS LAST LIMIT 5 OFFSET 2",
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT TOP 3 n FROM r",
        "SELECT sum(x) FILTER (WHERE y > 0) OVER (PARTITION BY a ORDER BY b ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), LISTAGG(s, ',') WITHIN GROUP (ORDER BY s) FROM t WINDOW w AS (PARTITION BY a)",
        "SELECT CASE WHEN a IS NOT DISTINCT FROM b THEN E'\\n' ELSE $$x$$ END, TRIM(LEADING 'x' FROM s), POSITION('a' IN s), INTERVAL '1-2' YEAR TO MONTH FROM t",
        "CREATE TEMP TABLE IF NOT EXISTS t (a int NOT NULL ENCODE zstd, b timestamp with time zone) DISTSTYLE KEY DISTKEY (a) SORTKEY (a, b)",
        "INSERT INTO t (a, b) VALUES (1, 'x'), (2, NULL); DROP TABLE IF EXISTS a, b CASCADE; SET x TO on; RESET ALL; SHOW TIME ZONE",
        "EXPLAIN (ANALYZE, VERBOSE) SELECT * FROM (SELECT 1) x, LATERAL (SELECT 2) y WHERE a = ANY (SELECT 1) AND b ~* 'x' AND c SIMILAR TO 'y'",
        "CREATE EXTERNAL SCHEMA IF NOT EXISTS s FROM DATA CATALOG DATABASE 'db' REGION 'r' IAM_ROLE default CREATE EXTERNAL DATABASE IF NOT EXISTS; "
            + "CREATE EXTERNAL SCHEMA h FROM HIVE METASTORE URI 'h' PORT 9083 DATABASE 'd'; DROP SCHEMA IF EXISTS s, h DROP EXTERNAL DATABASE CASCADE",
        "CREATE EXTERNAL TABLE s.t (a int, b decimal(8,2), c double precision) PARTITIONED BY (d date) ROW FORMAT SERDE 'c' WITH SERDEPROPERTIES ('k'='v') "
            + "STORED AS INPUTFORMAT 'i' OUTPUTFORMAT 'o' LOCATION 's3://b/t/' TABLE PROPERTIES ('n'='1')",
        "ALTER TABLE s.t ADD IF NOT EXISTS PARTITION (d='1', e='2') LOCATION 'x' PARTITION (d='3', e='4') LOCATION 'y'; ALTER TABLE s.t DROP PARTITION (d='1'); "
            + "ALTER TABLE s.t PARTITION (d='3') SET LOCATION 'z'; ALTER TABLE s.t SET TABLE PROPERTIES ('a'='b'); MSCK REPAIR TABLE s.t",
    ];

    public static IEnumerable<string> Samples => TpchQueries.All.Concat(ExtraSamples);

    [Fact]
    public void Every_prefix_of_valid_sql_parses_or_throws_a_federation_exception()
    {
        foreach (string sql in Samples)
        {
            for (int length = 0; length <= sql.Length; length++)
            {
                AssertParsesOrFailsCleanly(sql[..length]);
            }
        }
    }

    [Fact]
    public void Random_truncations_and_token_edits_parse_or_throw_a_federation_exception()
    {
        var random = new Random(20240131);
        string[] samples = Samples.ToArray();
        string[] noise = ["(", ")", ",", ";", "'", "\"", "$$", "$1", "/*", "--", "::", "SELECT", "FROM", "NOT", "AND", "BETWEEN",
            "CASE", "END", "OVER", "IN", "IS", "INTERVAL", "TOP", "1", ".", "*", "E'\\", "@", "\u00e9", "\n"];
        for (int iteration = 0; iteration < 3000; iteration++)
        {
            string sql = samples[random.Next(samples.Length)];
            var tokens = Lexer.Tokenize(sql).Where(t => t.Kind != TokenKind.EndOfInput).Select(t => t.Text).ToList();
            switch (random.Next(5))
            {
                case 0:
                    sql = sql[..random.Next(sql.Length + 1)];
                    break;
                case 1:
                    tokens.RemoveAt(random.Next(tokens.Count));
                    sql = string.Join(' ', tokens);
                    break;
                case 2:
                    tokens.Insert(random.Next(tokens.Count + 1), noise[random.Next(noise.Length)]);
                    sql = string.Join(' ', tokens);
                    break;
                case 3:
                {
                    int at = random.Next(tokens.Count - 1);
                    (tokens[at], tokens[at + 1]) = (tokens[at + 1], tokens[at]);
                    sql = string.Join(' ', tokens);
                    break;
                }

                default:
                {
                    int at = random.Next(tokens.Count);
                    tokens.Insert(at, tokens[random.Next(tokens.Count)]);
                    sql = string.Join(' ', tokens);
                    break;
                }
            }

            AssertParsesOrFailsCleanly(sql);
        }
    }

    [Fact]
    public void Random_character_soup_parses_or_throws_a_federation_exception()
    {
        var random = new Random(7);
        const string alphabet = "abcSELECTFROMWHERE ()*,.;:'\"$1234567890+-/%<>=!~|[]\n\t\\eE_@#";
        var builder = new StringBuilder();
        for (int iteration = 0; iteration < 3000; iteration++)
        {
            builder.Clear();
            int length = random.Next(1, 40);
            for (int i = 0; i < length; i++)
            {
                builder.Append(alphabet[random.Next(alphabet.Length)]);
            }

            AssertParsesOrFailsCleanly(builder.ToString());
        }
    }

    [Theory]
    [InlineData("(", ")", "1")]
    [InlineData("- ", "", "1")]
    [InlineData("NOT ", "", "true")]
    [InlineData("(SELECT ", ")", "1")]
    [InlineData("CASE WHEN true THEN ", " END", "1")]
    [InlineData("f(", ")", "1")]
    [InlineData("EXISTS (SELECT ", ")", "1")]
    [InlineData("1 + (", ")", "1")]
    public void Moderate_nesting_parses(string open, string close, string core)
    {
        string expression = Nest(open, close, core, 200);
        SqlParser.ParseExpression(expression);
        SqlParser.ParseStatement("SELECT " + expression);
    }

    [Theory]
    [InlineData("(", ")", "1", 990)]
    [InlineData("- ", "", "1", 990)]
    [InlineData("f(", ")", "1", 990)]
    [InlineData("(SELECT ", ")", "1", 490)] // each level is a query and an expression
    public void Nesting_close_to_the_limit_parses(string open, string close, string core, int depth)
    {
        SqlParser.ParseStatement("SELECT " + Nest(open, close, core, depth));
    }

    [Theory]
    [InlineData("(", ")", "1")]
    [InlineData("- ", "", "1")]
    [InlineData("NOT ", "", "true")]
    [InlineData("(SELECT ", ")", "1")]
    [InlineData("CASE WHEN true THEN ", " END", "1")]
    [InlineData("f(", ")", "1")]
    [InlineData("a IN (", ")", "1")]
    public void Deep_nesting_is_a_syntax_error_not_a_stack_overflow(string open, string close, string core)
    {
        string sql = "SELECT " + Nest(open, close, core, 100_000);
        var error = Assert.Throws<FederationException>(() => SqlParser.Parse(sql));
        Assert.Equal(ErrorCode.SyntaxError, error.Code);
        Assert.StartsWith("statement is nested too deeply (more than 1000 levels) at or near", error.Message);
    }

    [Fact]
    public void Deep_nesting_of_queries_and_joins_is_a_syntax_error()
    {
        string subqueries = "SELECT * FROM " + Nest("(SELECT * FROM ", ") x", "t", 5_000);
        Assert.Throws<FederationException>(() => SqlParser.Parse(subqueries));

        string joins = "SELECT * FROM " + Nest("(t JOIN ", " ON true)", "u", 5_000);
        Assert.Throws<FederationException>(() => SqlParser.Parse(joins));

        string setOperations = Nest("(SELECT 1 UNION ", ")", "SELECT 2", 5_000);
        Assert.Throws<FederationException>(() => SqlParser.Parse(setOperations));
    }

    [Fact]
    public void Deep_nesting_on_a_small_stack_is_still_a_federation_exception()
    {
        Exception? caught = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    SqlParser.Parse("SELECT " + Nest("(", ")", "1", 100_000));
                }
                catch (Exception e)
                {
                    caught = e;
                }
            },
            maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.IsType<FederationException>(caught);
    }

    [Fact]
    public void Long_flat_chains_do_not_recurse()
    {
        string sum = "SELECT " + string.Join(" + ", Enumerable.Repeat("a", 50_000));
        SqlParser.Parse(sum);

        string unions = string.Join(" UNION ALL ", Enumerable.Repeat("SELECT 1", 20_000));
        SqlParser.Parse(unions);

        string conditions = "SELECT 1 WHERE " + string.Join(" AND ", Enumerable.Repeat("a = 1", 20_000));
        SqlParser.Parse(conditions);

        string joins = "SELECT * FROM t" + string.Concat(Enumerable.Repeat(" JOIN u ON true", 20_000));
        SqlParser.Parse(joins);
    }

    [Theory]
    [InlineData("SELECT ((((((")]
    [InlineData("SELECT ))))")]
    [InlineData("SELECT * FROM ((((")]
    [InlineData("SELECT a IN ((((SELECT")]
    [InlineData("((((SELECT 1")]
    [InlineData("SELECT 1)")]
    [InlineData("EXPLAIN (")]
    [InlineData("CREATE TABLE t (")]
    [InlineData("SELECT CAST(")]
    [InlineData("SELECT x::")]
    [InlineData("SELECT INTERVAL '1' DAY TO")]
    [InlineData("SELECT * FROM t WINDOW w AS (")]
    [InlineData("SELECT sum(x) OVER (ROWS BETWEEN")]
    [InlineData("SELECT f(DISTINCT")]
    [InlineData("\0")]
    public void Malformed_input_throws_a_federation_exception(string sql)
    {
        Assert.Throws<FederationException>(() => SqlParser.Parse(sql));
    }

    private static string Nest(string open, string close, string core, int depth)
    {
        var builder = new StringBuilder((open.Length + close.Length) * depth + core.Length);
        for (int i = 0; i < depth; i++)
        {
            builder.Append(open);
        }

        builder.Append(core);
        for (int i = 0; i < depth; i++)
        {
            builder.Append(close);
        }

        return builder.ToString();
    }

    private static void AssertParsesOrFailsCleanly(string sql)
    {
        try
        {
            SqlParser.Parse(sql);
            SqlParser.SplitStatements(sql);
        }
        catch (FederationException)
        {
            // Expected for most mutations.
        }
        catch (Exception e)
        {
            Assert.Fail($"{e.GetType().Name} for input <<{sql}>>: {e}");
        }
    }
}
