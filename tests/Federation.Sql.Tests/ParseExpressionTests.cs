using Federation.Common;
using Federation.Sql.Ast;
using Federation.Sql.Parsing;
using static Federation.Sql.Tests.TestParse;

namespace Federation.Sql.Tests;

public sealed class ParseExpressionTests
{
    [Theory]
    [InlineData("a + b * c", "(+ a (* b c))")]
    [InlineData("a * b + c", "(+ (* a b) c)")]
    [InlineData("a - b - c", "(- (- a b) c)")]
    [InlineData("a / b % c * d", "(* (% (/ a b) c) d)")]
    [InlineData("(a + b) * c", "(* (+ a b) c)")]
    [InlineData("a || b || c", "(|| (|| a b) c)")]
    [InlineData("a || b + c", "(|| a (+ b c))")]
    [InlineData("a + b = c * d", "(= (+ a b) (* c d))")]
    [InlineData("a = b AND c <> d OR e < f", "(or (and (= a b) (<> c d)) (< e f))")]
    [InlineData("a OR b AND c", "(or a (and b c))")]
    [InlineData("a AND b AND c", "(and (and a b) c)")]
    [InlineData("a OR b OR c", "(or (or a b) c)")]
    [InlineData("a != b", "(<> a b)")]
    [InlineData("a <= b", "(<= a b)")]
    [InlineData("a >= b", "(>= a b)")]
    [InlineData("a > b", "(> a b)")]
    [InlineData("a ^ b ^ c", "(^ (^ a b) c)")]
    [InlineData("a * b ^ c", "(* a (^ b c))")]
    [InlineData("a ^ b * c", "(* (^ a b) c)")]
    [InlineData("a + b ^ c", "(+ a (^ b c))")]
    [InlineData("a ^ b::int", "(^ a (cast b int))")]
    public void Binary_operators_follow_postgresql_precedence(string sql, string expected)
    {
        Assert.Equal(expected, Expr(sql));
    }

    [Theory]
    [InlineData("-1", "(neg 1)")]
    [InlineData("- - 1", "(neg (neg 1))")]
    [InlineData("+a", "(pos a)")]
    [InlineData("-a * b", "(* (neg a) b)")]
    [InlineData("-a::int", "(neg (cast a int))")]
    [InlineData("a - -b", "(- a (neg b))")]
    [InlineData("NOT a = b", "(not (= a b))")]
    [InlineData("NOT a AND b", "(and (not a) b)")]
    [InlineData("NOT NOT a", "(not (not a))")]
    [InlineData("NOT a LIKE b", "(not (like a b))")]
    [InlineData("NOT a IS NULL", "(not (is-null a))")]
    [InlineData("NOT EXISTS (SELECT 1)", "(not (exists (query (select [1]))))")]
    [InlineData("-a ^ b", "(^ (neg a) b)")]
    [InlineData("@ a", "(abs a)")]
    [InlineData("@ -a", "(abs (neg a))")]
    [InlineData("@ a + b * c", "(abs (+ a (* b c)))")]
    [InlineData("@ a ^ b", "(abs (^ a b))")]
    [InlineData("@ a || b", "(|| (abs a) b)")]
    [InlineData("@ a = b", "(= (abs a) b)")]
    [InlineData("@ @ a", "(abs (abs a))")]
    public void Prefix_operators(string sql, string expected)
    {
        Assert.Equal(expected, Expr(sql));
    }

    [Theory]
    [InlineData("42", "42")]
    [InlineData("3.14", "3.14")]
    [InlineData(".5", ".5")]
    [InlineData("1e10", "1e10")]
    [InlineData("'it''s'", "'it''s'")]
    [InlineData("E'a\\tb'", "'a\tb'")]
    [InlineData("$$dollar$$", "'dollar'")]
    [InlineData("TRUE", "true")]
    [InlineData("false", "false")]
    [InlineData("NULL", "null")]
    [InlineData("$3", "$3")]
    public void Literals_and_parameters(string sql, string expected)
    {
        Assert.Equal(expected, Expr(sql));
    }

    [Fact]
    public void Number_literals_keep_text_without_sign()
    {
        var negative = Assert.IsType<UnaryExpression>(SqlParser.ParseExpression("-12.50"));
        Assert.Equal(UnaryOperator.Minus, negative.Operator);
        Assert.Equal("12.50", Assert.IsType<NumberLiteral>(negative.Operand).Text);
    }

    [Theory]
    [InlineData("DATE '1998-12-01'", "(typed date '1998-12-01')")]
    [InlineData("time '10:00'", "(typed time '10:00')")]
    [InlineData("TIMESTAMP '2024-01-31 12:00:00'", "(typed timestamp '2024-01-31 12:00:00')")]
    [InlineData("TIMESTAMPTZ '2024-01-31 12:00:00+00'", "(typed timestamptz '2024-01-31 12:00:00+00')")]
    [InlineData("timestamp with time zone '2024-01-31'", "(typed timestamp with time zone '2024-01-31')")]
    [InlineData("TIMESTAMP WITHOUT TIME ZONE '2024-01-31'", "(typed timestamp without time zone '2024-01-31')")]
    [InlineData("TIME WITH TIME ZONE '10:00+02'", "(typed time with time zone '10:00+02')")]
    [InlineData("DOUBLE PRECISION '1.5'", "(typed double precision '1.5')")]
    [InlineData("character varying 'x'", "(typed character varying 'x')")]
    [InlineData("decimal '1.5'", "(typed decimal '1.5')")]
    [InlineData("int8 '42'", "(typed int8 '42')")]
    [InlineData("BOOLEAN 'true'", "(typed boolean 'true')")]
    public void Typed_literals(string sql, string expected)
    {
        Assert.Equal(expected, Expr(sql));
    }

    [Theory]
    [InlineData("INTERVAL '3 days'", "(interval '3 days')")]
    [InlineData("interval '3' day", "(interval '3' day)")]
    [InlineData("INTERVAL '90' DAY (3)", "(interval '90' day)")]
    [InlineData("INTERVAL '1-2' YEAR TO MONTH", "(interval '1-2' year to month)")]
    [InlineData("INTERVAL '1 2:03' DAY TO MINUTE", "(interval '1 2:03' day to minute)")]
    [InlineData("INTERVAL '1.5' SECOND(3)", "(interval '1.5' second)")]
    [InlineData("INTERVAL '10:00:01.5' HOUR TO SECOND (2)", "(interval '10:00:01.5' hour to second)")]
    [InlineData("INTERVAL 3 DAY", "(interval '3' day)")]
    [InlineData("interval 2 hour", "(interval '2' hour)")]
    public void Interval_literals(string sql, string expected)
    {
        Assert.Equal(expected, Expr(sql));
    }

    [Fact]
    public void Date_arithmetic_with_intervals()
    {
        Assert.Equal(
            "(- (typed date '1998-12-01') (interval '90' day))",
            Expr("date '1998-12-01' - interval '90' day (3)"));
    }

    [Theory]
    [InlineData("a", "a")]
    [InlineData("t.a", "t.a")]
    [InlineData("s.t.a", "s.t.a")]
    [InlineData("c.s.t.a", "c.s.t.a")]
    [InlineData("T.\"Quoted\"", "t.\"Quoted\"")]
    [InlineData("\"Table\".col", "\"Table\".col")]
    [InlineData("t.select", "t.select")] // any keyword after a dot
    public void Column_references(string sql, string expected)
    {
        Assert.Equal(expected, Expr(sql));
    }

    [Fact]
    public void Column_reference_parts_record_quoting()
    {
        var column = Assert.IsType<ColumnReference>(SqlParser.ParseExpression("Tbl.\"MixedCase\""));
        Assert.Equal([new Identifier("tbl", false), new Identifier("MixedCase", true)], column.Parts.Select(p => p with { Position = default }));
    }

    [Theory]
    [InlineData("date")]
    [InlineData("year")]
    [InlineData("month")]
    [InlineData("day")]
    [InlineData("name")]
    [InlineData("value")]
    [InlineData("type")]
    [InlineData("comment")]
    [InlineData("first")]
    [InlineData("last")]
    [InlineData("key")]
    [InlineData("data")]
    [InlineData("text")]
    [InlineData("position")]
    [InlineData("filter")]
    [InlineData("over")]
    [InlineData("rows")]
    [InlineData("range")]
    [InlineData("row")]
    [InlineData("current")]
    [InlineData("timestamp")]
    [InlineData("interval")]
    [InlineData("top")]
    [InlineData("zone")]
    public void Non_reserved_keywords_are_column_names(string word)
    {
        Assert.Equal(word, Expr(word));
        Assert.Equal($"(+ {word} 1)", Expr(word + " + 1"));
    }

    [Theory]
    [InlineData("a IS NULL", "(is-null a)")]
    [InlineData("a IS NOT NULL", "(is-not-null a)")]
    [InlineData("a ISNULL", "(is-null a)")]
    [InlineData("a NOTNULL", "(is-not-null a)")]
    [InlineData("a IS TRUE", "(is-true a)")]
    [InlineData("a IS NOT FALSE", "(is-not-false a)")]
    [InlineData("a IS UNKNOWN", "(is-unknown a)")]
    [InlineData("a IS NOT UNKNOWN", "(is-not-unknown a)")]
    [InlineData("a IS DISTINCT FROM b", "(is-distinct-from a b)")]
    [InlineData("a IS NOT DISTINCT FROM b + 1", "(is-not-distinct-from a (+ b 1))")]
    [InlineData("a = b IS NULL", "(is-null (= a b))")]
    [InlineData("a IS NULL AND b IS NOT NULL", "(and (is-null a) (is-not-null b))")]
    [InlineData("a IS NULL = FALSE", "(= (is-null a) false)")]
    public void Is_predicates(string sql, string expected)
    {
        Assert.Equal(expected, Expr(sql));
    }

    [Theory]
    [InlineData("a BETWEEN 1 AND 10", "(between a 1 10)")]
    [InlineData("a NOT BETWEEN 1 AND 10", "(not-between a 1 10)")]
    [InlineData("a BETWEEN SYMMETRIC 10 AND 1", "(between-symmetric a 10 1)")]
    [InlineData("a BETWEEN ASYMMETRIC 1 AND 10", "(between a 1 10)")]
    [InlineData("a BETWEEN 1 AND 10 AND b", "(and (between a 1 10) b)")]
    [InlineData("a BETWEEN b + 1 AND c * 2 OR d", "(or (between a (+ b 1) (* c 2)) d)")]
    [InlineData("NOT a BETWEEN 1 AND 2", "(not (between a 1 2))")]
    public void Between_uses_its_own_and(string sql, string expected)
    {
        Assert.Equal(expected, Expr(sql));
    }

    [Theory]
    [InlineData("a LIKE 'x%'", "(like a 'x%')")]
    [InlineData("a NOT LIKE 'x%'", "(not-like a 'x%')")]
    [InlineData("a ILIKE 'x%'", "(ilike a 'x%')")]
    [InlineData("a NOT ILIKE 'x%'", "(not-ilike a 'x%')")]
    [InlineData("a LIKE 'x!%' ESCAPE '!'", "(like a 'x!%' '!')")]
    [InlineData("a LIKE '%' || b || '%'", "(like a (|| (|| '%' b) '%'))")]
    [InlineData("a ~~ 'x%'", "(like a 'x%')")]
    [InlineData("a ~~* 'x%'", "(ilike a 'x%')")]
    [InlineData("a !~~ 'x%'", "(not-like a 'x%')")]
    [InlineData("a !~~* 'x%'", "(not-ilike a 'x%')")]
    [InlineData("a SIMILAR TO 'x|y'", "(similar a 'x|y')")]
    [InlineData("a NOT SIMILAR TO 'x|y'", "(not-similar a 'x|y')")]
    [InlineData("a ~ '^x'", "(~ a '^x')")]
    [InlineData("a ~* '^x'", "(~* a '^x')")]
    [InlineData("a !~ '^x'", "(!~ a '^x')")]
    [InlineData("a !~* '^x'", "(!~* a '^x')")]
    [InlineData("a ~ 'x' = b", "(= (~ a 'x') b)")]
    [InlineData("a LIKE b = c", "(= (like a b) c)")]
    public void Pattern_matching(string sql, string expected)
    {
        Assert.Equal(expected, Expr(sql));
    }

    [Theory]
    [InlineData("a IN (1, 2, 3)", "(in a [1 2 3])")]
    [InlineData("a NOT IN ('x')", "(not-in a ['x'])")]
    [InlineData("a IN ((1), (2))", "(in a [1 2])")]
    [InlineData("a IN (SELECT b FROM t)", "(in a (query (select [b] :from [t])))")]
    [InlineData("a NOT IN (SELECT b FROM t)", "(not-in a (query (select [b] :from [t])))")]
    [InlineData("a IN ((SELECT b FROM t))", "(in a (query (select [b] :from [t])))")]
    [InlineData("a IN ((SELECT 1) UNION (SELECT 2))", "(in a (query (union (select [1]) (select [2]))))")]
    [InlineData("a IN ((SELECT 1), 2)", "(in a [(subquery (query (select [1]))) 2])")]
    [InlineData("a + 1 IN (2) AND b", "(and (in (+ a 1) [2]) b)")]
    public void In_lists_and_subqueries(string sql, string expected)
    {
        Assert.Equal(expected, Expr(sql));
    }

    [Theory]
    [InlineData("EXISTS (SELECT 1)", "(exists (query (select [1])))")]
    [InlineData("(SELECT max(a) FROM t)", "(subquery (query (select [(max a)] :from [t])))")]
    [InlineData("((SELECT 1))", "(subquery (query (select [1])))")]
    [InlineData("((SELECT 1) + 1)", "(+ (subquery (query (select [1]))) 1)")]
    [InlineData("(SELECT 1) UNION SELECT 2", null)]
    [InlineData("((SELECT 1) UNION (SELECT 2))", "(subquery (query (union (select [1]) (select [2]))))")]
    [InlineData("(SELECT a FROM t ORDER BY a LIMIT 1)", "(subquery (query (select [a] :from [t]) :order [a] :limit 1))")]
    [InlineData("a = ANY (SELECT b FROM t)", "(=any a (query (select [b] :from [t])))")]
    [InlineData("a <> SOME (SELECT b FROM t)", "(<>any a (query (select [b] :from [t])))")]
    [InlineData("a > ALL (SELECT b FROM t)", "(>all a (query (select [b] :from [t])))")]
    public void Subqueries(string sql, string? expected)
    {
        if (expected is null)
        {
            Assert.StartsWith("syntax error at or near \"UNION\"", Assert.Throws<FederationException>(() => SqlParser.ParseExpression(sql)).Message);
            return;
        }

        Assert.Equal(expected, Expr(sql));
    }

    [Theory]
    [InlineData("CASE WHEN a THEN 1 END", "(case (when a 1))")]
    [InlineData("CASE WHEN a > 0 THEN 'p' WHEN a < 0 THEN 'n' ELSE 'z' END", "(case (when (> a 0) 'p') (when (< a 0) 'n') (else 'z'))")]
    [InlineData("CASE a WHEN 1 THEN 'one' ELSE 'other' END", "(case a (when 1 'one') (else 'other'))")]
    [InlineData("CASE WHEN a BETWEEN 1 AND 2 THEN b END + 1", "(+ (case (when (between a 1 2) b)) 1)")]
    public void Case_expressions(string sql, string expected)
    {
        Assert.Equal(expected, Expr(sql));
    }

    [Theory]
    [InlineData("CAST(a AS int)", "(cast a int)")]
    [InlineData("CAST(a AS DECIMAL(15, 2))", "(cast a decimal(15,2))")]
    [InlineData("CAST(a AS VARCHAR(25))", "(cast a varchar(25))")]
    [InlineData("CAST(a AS character varying(10))", "(cast a character varying(10))")]
    [InlineData("CAST(a AS CHAR VARYING)", "(cast a character varying)")]
    [InlineData("CAST(a AS char(3))", "(cast a char(3))")]
    [InlineData("cast(a as double precision)", "(cast a double precision)")]
    [InlineData("CAST(a AS TIMESTAMP(3) WITH TIME ZONE)", "(cast a timestamp with time zone(3))")]
    [InlineData("TRY_CAST(a AS int)", "(try-cast a int)")]
    [InlineData("a::int", "(cast a int)")]
    [InlineData("a::numeric(10,2)::text", "(cast (cast a numeric(10,2)) text)")]
    [InlineData("'1 day'::interval", "(cast '1 day' interval)")]
    [InlineData("a::timestamp without time zone", "(cast a timestamp without time zone)")]
    [InlineData("(a + b)::bigint", "(cast (+ a b) bigint)")]
    [InlineData("a + b::bigint", "(+ a (cast b bigint))")]
    [InlineData("a::\"MyType\"", "(cast a MyType)")]
    public void Casts(string sql, string expected)
    {
        Assert.Equal(expected, Expr(sql));
    }

    [Theory]
    [InlineData("f()", "(f)")]
    [InlineData("lower(a)", "(lower a)")]
    [InlineData("COUNT(*)", "(count *)")]
    [InlineData("count(DISTINCT a)", "(count distinct a)")]
    [InlineData("count(ALL a)", "(count a)")]
    [InlineData("coalesce(a, b, 0)", "(coalesce a b 0)")]
    [InlineData("NULLIF(a, 0)", "(nullif a 0)")]
    [InlineData("greatest(a, b)", "(greatest a b)")]
    [InlineData("NVL(a, 1)", "(nvl a 1)")]
    [InlineData("GETDATE()", "(getdate)")]
    [InlineData("left(s, 3)", "(left s 3)")]
    [InlineData("right(s, 3)", "(right s 3)")]
    [InlineData("pg_catalog.lower(a)", "(pg_catalog.lower a)")]
    [InlineData("\"MyFunc\"(a)", "(\"MyFunc\" a)")]
    [InlineData("dateadd(day, 1, d)", "(dateadd day 1 d)")]
    [InlineData("date_part('year', d)", "(date_part 'year' d)")]
    [InlineData("sum(a) FILTER (WHERE a > 0)", "(sum a :filter (> a 0))")]
    [InlineData("LISTAGG(x, ',') WITHIN GROUP (ORDER BY y DESC)", "(listagg x ',' :within-group [(y desc)])")]
    [InlineData("percentile_cont(0.5) WITHIN GROUP (ORDER BY x)", "(percentile_cont 0.5 :within-group [x])")]
    public void Function_calls(string sql, string expected)
    {
        Assert.Equal(expected, Expr(sql));
    }

    [Theory]
    [InlineData("row_number() OVER ()", "(row_number :over (window))")]
    [InlineData("rank() OVER (PARTITION BY a ORDER BY b DESC NULLS LAST)", "(rank :over (window :partition [a] :order [(b desc nulls-last)]))")]
    [InlineData("sum(x) OVER (PARTITION BY a, b ORDER BY c ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)",
        "(sum x :over (window :partition [a b] :order [c] :rows unbounded-preceding current-row))")]
    [InlineData("sum(x) OVER (ORDER BY c RANGE BETWEEN 1 PRECEDING AND 2 FOLLOWING)",
        "(sum x :over (window :order [c] :range (preceding 1) (following 2)))")]
    [InlineData("sum(x) OVER (ORDER BY c ROWS 3 PRECEDING)", "(sum x :over (window :order [c] :rows (preceding 3) current-row))")]
    [InlineData("sum(x) OVER (ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)", "(sum x :over (window :rows current-row unbounded-following))")]
    [InlineData("sum(x) OVER (ORDER BY d RANGE BETWEEN INTERVAL '1' DAY PRECEDING AND CURRENT ROW)",
        "(sum x :over (window :order [d] :range (preceding (interval '1' day)) current-row))")]
    [InlineData("sum(x) OVER w", "(sum x :over (window w))")]
    [InlineData("sum(x) OVER (w ORDER BY c)", "(sum x :over (window w :order [c]))")]
    [InlineData("count(*) FILTER (WHERE a) OVER (PARTITION BY b)", "(count * :filter a :over (window :partition [b]))")]
    public void Window_functions(string sql, string expected)
    {
        Assert.Equal(expected, Expr(sql));
    }

    [Theory]
    [InlineData("EXTRACT(YEAR FROM d)", "(date_part 'year' d)")]
    [InlineData("extract(epoch from ts)", "(date_part 'epoch' ts)")]
    [InlineData("EXTRACT(Dow FROM d)", "(date_part 'dow' d)")]
    [InlineData("EXTRACT(milliseconds FROM d)", "(date_part 'milliseconds' d)")]
    [InlineData("EXTRACT(yr FROM d)", "(date_part 'yr' d)")]
    [InlineData("EXTRACT('Month' FROM d)", "(date_part 'month' d)")]
    [InlineData("SUBSTRING(s FROM 1 FOR 2)", "(substring s 1 2)")]
    [InlineData("substring(s from 3)", "(substring s 3)")]
    [InlineData("SUBSTRING(s FOR 2)", "(substring s 1 2)")]
    [InlineData("SUBSTRING(s FOR 2 FROM 3)", "(substring s 3 2)")]
    [InlineData("SUBSTRING(s, 1, 2)", "(substring s 1 2)")]
    [InlineData("POSITION('x' IN s)", "(position 'x' s)")]
    [InlineData("position('a' || b IN c || d)", "(position (|| 'a' b) (|| c d))")]
    [InlineData("TRIM(s)", "(btrim s)")]
    [InlineData("TRIM(BOTH FROM s)", "(btrim s)")]
    [InlineData("TRIM(LEADING 'x' FROM s)", "(ltrim s 'x')")]
    [InlineData("TRIM(TRAILING FROM s)", "(rtrim s)")]
    [InlineData("TRIM('xy' FROM s)", "(btrim s 'xy')")]
    [InlineData("TRIM(s, 'xy')", "(btrim s 'xy')")]
    [InlineData("CURRENT_DATE", "(current_date)")]
    [InlineData("current_time", "(current_time)")]
    [InlineData("CURRENT_TIMESTAMP", "(current_timestamp)")]
    [InlineData("LOCALTIMESTAMP", "(localtimestamp)")]
    [InlineData("SYSDATE", "(sysdate)")]
    [InlineData("current_user", "(current_user)")]
    [InlineData("CURRENT_SCHEMA()", "(current_schema)")]
    [InlineData("ts AT TIME ZONE 'UTC'", "(timezone 'UTC' ts)")]
    [InlineData("a + ts AT TIME ZONE 'UTC'", "(+ a (timezone 'UTC' ts))")]
    public void Special_function_syntax(string sql, string expected)
    {
        Assert.Equal(expected, Expr(sql));
    }

    [Fact]
    public void Special_function_names_stay_column_names_without_parentheses()
    {
        Assert.Equal("(+ position substring)", Expr("position + substring"));
        Assert.Equal("(|| trim extract)", Expr("trim || extract"));
    }

    [Fact]
    public void Positions_are_those_of_the_first_token()
    {
        const string sql = "x +\n  (b * c)::int";
        var add = Assert.IsType<BinaryExpression>(SqlParser.ParseExpression(sql));
        Assert.Equal(new SourcePosition(1, 1), add.Position);
        Assert.Equal(new SourcePosition(1, 1), add.Left.Position);

        var cast = Assert.IsType<CastExpression>(add.Right);
        Assert.Equal(new SourcePosition(2, 3), cast.Position); // the '(' opens the cast's operand
        Assert.Equal(new SourcePosition(2, 12), cast.Type.Position);

        var multiply = Assert.IsType<BinaryExpression>(cast.Operand);
        Assert.Equal(new SourcePosition(2, 4), multiply.Position);
        Assert.Equal(new SourcePosition(2, 8), multiply.Right.Position);
    }

    [Fact]
    public void Positions_of_keyword_constructs()
    {
        var call = Assert.IsType<FunctionCall>(SqlParser.ParseExpression("  EXTRACT(year FROM d)"));
        Assert.Equal(new SourcePosition(1, 3), call.Position);
        Assert.Equal(new SourcePosition(1, 3), call.Name.Position);
        Assert.Equal(new SourcePosition(1, 11), call.Arguments[0].Position);
        Assert.Equal(new SourcePosition(1, 21), call.Arguments[1].Position);

        var not = Assert.IsType<UnaryExpression>(SqlParser.ParseExpression("NOT a"));
        Assert.Equal(new SourcePosition(1, 5), not.Operand.Position);

        var caseExpression = Assert.IsType<CaseExpression>(SqlParser.ParseExpression("CASE\nWHEN a THEN b END"));
        Assert.Equal(new SourcePosition(2, 1), caseExpression.Whens[0].Position);
    }

    [Theory]
    [InlineData("a + b * c - d / e")]
    [InlineData("CASE WHEN a IS NOT NULL THEN CAST(b AS int) ELSE -c END")]
    [InlineData("sum(x) FILTER (WHERE y) OVER (PARTITION BY a ORDER BY b ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)")]
    [InlineData("a NOT BETWEEN SYMMETRIC 1 AND 2 OR b NOT IN (SELECT c FROM t) OR EXISTS (SELECT 1)")]
    [InlineData("TRIM(LEADING 'x' FROM SUBSTRING(s FROM 1 FOR 2)) || POSITION('a' IN b)")]
    [InlineData("x = ANY (SELECT 1) AND y LIKE 'a' ESCAPE '!' AND z IS DISTINCT FROM 1")]
    [InlineData("DATE '2020-01-01' + INTERVAL '1' DAY AT TIME ZONE 'UTC'")]
    public void Every_node_has_a_position(string sql)
    {
        foreach (SqlNode node in AstNodes.DescendantsAndSelf(SqlParser.ParseExpression(sql)))
        {
            Assert.True(node.Position.Line > 0, $"{node.GetType().Name} has no position");
        }
    }
}
