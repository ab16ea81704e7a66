using Federation.Sql.Ast;
using Federation.Sql.Parsing;
using static Federation.Sql.Tests.TestParse;

namespace Federation.Sql.Tests;

public sealed class ParseQueryTests
{
    [Theory]
    [InlineData("SELECT 1", "(query (select [1]))")]
    [InlineData("SELECT *", "(query (select [*]))")]
    [InlineData("SELECT *, a FROM t", "(query (select [* a] :from [t]))")]
    [InlineData("SELECT t.*, s.t.* FROM t", "(query (select [t.* s.t.*] :from [t]))")]
    [InlineData("SELECT \"T\".* FROM t", "(query (select [\"T\".*] :from [t]))")]
    [InlineData("SELECT DISTINCT a, b FROM t", "(query (select-distinct [a b] :from [t]))")]
    [InlineData("SELECT ALL a FROM t", "(query (select [a] :from [t]))")]
    [InlineData("SELECT a AS x, b y, c \"Z\" FROM t", "(query (select [(as a x) (as b y) (as c \"Z\")] :from [t]))")]
    [InlineData("SELECT a AS select, b AS from FROM t", "(query (select [(as a select) (as b from)] :from [t]))")]
    [InlineData("SELECT a year, b date, c name, d value FROM t", "(query (select [(as a year) (as b date) (as c name) (as d value)] :from [t]))")]
    [InlineData("SELECT count(*) total FROM t", "(query (select [(as (count *) total)] :from [t]))")]
    public void Select_lists(string sql, string expected)
    {
        Assert.Equal(expected, Query(sql));
    }

    [Theory]
    [InlineData("SELECT * FROM s.t", "(query (select [*] :from [s.t]))")]
    [InlineData("SELECT * FROM c.s.t", "(query (select [*] :from [c.s.t]))")]
    [InlineData("SELECT * FROM \"My Table\" AS m", "(query (select [*] :from [\"My Table\" :as m]))")]
    [InlineData("SELECT * FROM t x", "(query (select [*] :from [t :as x]))")]
    [InlineData("SELECT * FROM t AS x(a, b)", "(query (select [*] :from [t :as x[a b]]))")]
    [InlineData("SELECT * FROM t1, t2 AS b, t3", "(query (select [*] :from [t1 t2 :as b t3]))")]
    [InlineData("SELECT * FROM (SELECT 1) AS d", "(query (select [*] :from [(derived (query (select [1])) :as d)]))")]
    [InlineData("SELECT * FROM (SELECT 1) d(x)", "(query (select [*] :from [(derived (query (select [1])) :as d[x])]))")]
    [InlineData("SELECT * FROM (SELECT 1)", "(query (select [*] :from [(derived (query (select [1])))]))")]
    [InlineData("SELECT * FROM (VALUES (1), (2)) v(x)", "(query (select [*] :from [(derived (query (values [1] [2])) :as v[x])]))")]
    [InlineData("SELECT * FROM ((SELECT 1) UNION ALL (SELECT 2)) u", "(query (select [*] :from [(derived (query (union-all (select [1]) (select [2]))) :as u)]))")]
    [InlineData("SELECT * FROM t, LATERAL (SELECT t.a) l", "(query (select [*] :from [t (lateral (query (select [t.a])) :as l)]))")]
    [InlineData("SELECT * FROM read_parquet('f.parquet') p", "(query (select [*] :from [(table-function read_parquet 'f.parquet' :as p)]))")]
    [InlineData("SELECT * FROM generate_series(1, 10)", "(query (select [*] :from [(table-function generate_series 1 10)]))")]
    [InlineData("SELECT * FROM s.f()", "(query (select [*] :from [(table-function s.f)]))")]
    public void From_items(string sql, string expected)
    {
        Assert.Equal(expected, Query(sql));
    }

    [Theory]
    [InlineData("SELECT * FROM a JOIN b ON a.x = b.x", "(inner-join a b :on (= a.x b.x))")]
    [InlineData("SELECT * FROM a INNER JOIN b USING (x, y)", "(inner-join a b :using [x y])")]
    [InlineData("SELECT * FROM a LEFT JOIN b ON true", "(left-join a b :on true)")]
    [InlineData("SELECT * FROM a LEFT OUTER JOIN b ON true", "(left-join a b :on true)")]
    [InlineData("SELECT * FROM a RIGHT JOIN b ON true", "(right-join a b :on true)")]
    [InlineData("SELECT * FROM a FULL OUTER JOIN b ON true", "(full-join a b :on true)")]
    [InlineData("SELECT * FROM a CROSS JOIN b", "(cross-join a b)")]
    [InlineData("SELECT * FROM a NATURAL JOIN b", "(natural-inner-join a b)")]
    [InlineData("SELECT * FROM a NATURAL LEFT JOIN b", "(natural-left-join a b)")]
    [InlineData("SELECT * FROM a x JOIN b y ON x.k = y.k JOIN c z ON y.k = z.k",
        "(inner-join (inner-join a :as x b :as y :on (= x.k y.k)) c :as z :on (= y.k z.k))")]
    [InlineData("SELECT * FROM a JOIN (b JOIN c ON true) ON true", "(inner-join a (inner-join b c :on true) :on true)")]
    [InlineData("SELECT * FROM (a JOIN b ON true)", "(inner-join a b :on true)")]
    [InlineData("SELECT * FROM ((a JOIN b ON true))", "(inner-join a b :on true)")]
    [InlineData("SELECT * FROM a JOIN b JOIN c ON p ON q", "(inner-join a (inner-join b c :on p) :on q)")]
    [InlineData("SELECT * FROM a CROSS JOIN b JOIN c ON p", "(inner-join (cross-join a b) c :on p)")]
    [InlineData("SELECT * FROM a CROSS JOIN LATERAL (SELECT 1) s", "(cross-join a (lateral (query (select [1])) :as s))")]
    [InlineData("SELECT * FROM ((SELECT 1) x JOIN b ON true)", "(inner-join (derived (query (select [1])) :as x) b :on true)")]
    public void Joins(string sql, string expected)
    {
        SelectBody select = SelectOf(sql);
        TableReference join = Assert.Single(select.From);
        Assert.Equal(expected, AstFormatter.Format(join));
    }

    [Fact]
    public void Comma_and_join_mix_keeps_one_from_entry_per_comma()
    {
        SelectBody select = SelectOf("SELECT * FROM a, b JOIN c ON true, d");
        Assert.Equal(["a", "(inner-join b c :on true)", "d"], select.From.Select(AstFormatter.Format));
    }

    [Fact]
    public void All_clauses_of_a_select()
    {
        Assert.Equal(
            "(query (select [a (as (sum b) s)] :from [t] :where (> a 0) :group [a 2] :having (> (sum b) 1) "
            + ":window (w (window :partition [a])) :window (v (window w :order [b]))) :order [(s desc) (a nulls-first)] :limit 10 :offset 5)",
            Query("SELECT a, sum(b) s FROM t WHERE a > 0 GROUP BY a, 2 HAVING sum(b) > 1 "
                  + "WINDOW w AS (PARTITION BY a), v AS (w ORDER BY b) ORDER BY s DESC, a NULLS FIRST LIMIT 10 OFFSET 5"));
    }

    [Theory]
    [InlineData("SELECT a FROM t ORDER BY a ASC NULLS LAST", "(query (select [a] :from [t]) :order [(a nulls-last)])")]
    [InlineData("SELECT a FROM t LIMIT ALL", "(query (select [a] :from [t]))")]
    [InlineData("SELECT a FROM t OFFSET 5 ROWS", "(query (select [a] :from [t]) :offset 5)")]
    [InlineData("SELECT a FROM t OFFSET 5 LIMIT 2", "(query (select [a] :from [t]) :limit 2 :offset 5)")]
    [InlineData("SELECT a FROM t OFFSET 1 ROW FETCH FIRST 3 ROWS ONLY", "(query (select [a] :from [t]) :limit 3 :offset 1)")]
    [InlineData("SELECT a FROM t FETCH NEXT ROW ONLY", "(query (select [a] :from [t]) :limit 1)")]
    [InlineData("SELECT a FROM t LIMIT $1 OFFSET $2", "(query (select [a] :from [t]) :limit $1 :offset $2)")]
    [InlineData("SELECT TOP 10 a FROM t ORDER BY a", "(query (select [a] :from [t]) :order [a] :limit 10)")]
    [InlineData("SELECT TOP 5 DISTINCT a FROM t", "(query (select-distinct [a] :from [t]) :limit 5)")]
    [InlineData("SELECT DISTINCT TOP 5 a FROM t", "(query (select-distinct [a] :from [t]) :limit 5)")]
    [InlineData("SELECT top FROM t", "(query (select [top] :from [t]))")]
    public void Order_limit_offset_fetch_and_top(string sql, string expected)
    {
        Assert.Equal(expected, Query(sql));
    }

    [Theory]
    [InlineData("SELECT 1 UNION SELECT 2", "(query (union (select [1]) (select [2])))")]
    [InlineData("SELECT 1 UNION ALL SELECT 2", "(query (union-all (select [1]) (select [2])))")]
    [InlineData("SELECT 1 UNION DISTINCT SELECT 2", "(query (union (select [1]) (select [2])))")]
    [InlineData("SELECT 1 EXCEPT SELECT 2", "(query (except (select [1]) (select [2])))")]
    [InlineData("SELECT 1 INTERSECT ALL SELECT 2", "(query (intersect-all (select [1]) (select [2])))")]
    [InlineData("SELECT 1 UNION SELECT 2 UNION SELECT 3", "(query (union (union (select [1]) (select [2])) (select [3])))")]
    [InlineData("SELECT 1 UNION SELECT 2 EXCEPT SELECT 3", "(query (except (union (select [1]) (select [2])) (select [3])))")]
    [InlineData("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3", "(query (union (select [1]) (intersect (select [2]) (select [3]))))")]
    [InlineData("SELECT 1 INTERSECT SELECT 2 UNION SELECT 3", "(query (union (intersect (select [1]) (select [2])) (select [3])))")]
    [InlineData("SELECT 1 UNION (SELECT 2 UNION SELECT 3)", "(query (union (select [1]) (union (select [2]) (select [3]))))")]
    [InlineData("VALUES (1, 'a'), (2, 'b')", "(query (values [1 'a'] [2 'b']))")]
    [InlineData("VALUES (1) UNION SELECT 2", "(query (union (values [1]) (select [2])))")]
    [InlineData("(SELECT 1)", "(query (select [1]))")]
    [InlineData("((SELECT 1)) ORDER BY 1", "(query (select [1]) :order [1])")]
    public void Set_operations(string sql, string expected)
    {
        Assert.Equal(expected, Query(sql));
    }

    [Fact]
    public void Order_by_and_limit_apply_to_the_whole_set_operation()
    {
        Assert.Equal(
            "(query (union (select [a] :from [t]) (select [b] :from [u])) :order [1] :limit 3)",
            Query("SELECT a FROM t UNION SELECT b FROM u ORDER BY 1 LIMIT 3"));
    }

    [Fact]
    public void A_parenthesised_arm_keeps_its_own_order_and_limit()
    {
        Assert.Equal(
            "(query (union (nested (query (select [a] :from [t]) :order [a] :limit 1)) (select [b] :from [u])) :limit 5)",
            Query("(SELECT a FROM t ORDER BY a LIMIT 1) UNION SELECT b FROM u LIMIT 5"));
    }

    [Fact]
    public void Top_in_a_set_operation_arm_limits_only_that_arm()
    {
        Assert.Equal(
            "(query (union (nested (query (select [a] :from [t]) :limit 2)) (select [b] :from [u])) :order [1])",
            Query("SELECT TOP 2 a FROM t UNION SELECT b FROM u ORDER BY 1"));
    }

    [Theory]
    [InlineData("WITH x AS (SELECT 1) SELECT * FROM x", "(query :with [(x (query (select [1])))] (select [*] :from [x]))")]
    [InlineData("WITH x(a, b) AS (SELECT 1, 2), y AS (SELECT a FROM x) SELECT * FROM y",
        "(query :with [(x [a b] (query (select [1 2]))) (y (query (select [a] :from [x])))] (select [*] :from [y]))")]
    [InlineData("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT n FROM r",
        "(query :with-recursive [(r [n] (query (union-all (select [1]) (select [(+ n 1)] :from [r] :where (< n 5)))))] (select [n] :from [r]))")]
    [InlineData("(WITH x AS (SELECT 1) SELECT * FROM x) UNION SELECT 2",
        "(query (union (nested (query :with [(x (query (select [1])))] (select [*] :from [x]))) (select [2])))")]
    public void With_clauses(string sql, string expected)
    {
        Assert.Equal(expected, Query(sql));
    }

    [Fact]
    public void Where_with_subqueries_and_special_keywords_as_names()
    {
        Assert.Equal(
            "(query (select [date year type comment] :from [events :as e] :where (and (= e.type 'x') (exists (query (select [1] :from [t] :where (= t.key e.key)))))))",
            Query("select date, year, type, comment from events e where e.type = 'x' and exists (select 1 from t where t.key = e.key)"));
    }

    [Fact]
    public void Query_positions_are_first_tokens()
    {
        const string sql = "WITH c AS (SELECT 1)\nSELECT x.a AS b, *\nFROM t x LEFT JOIN u ON true\nWHERE a IN (1)\nORDER BY b DESC";
        var statement = Assert.IsType<QueryStatement>(SqlParser.ParseStatement(sql));
        Query query = statement.Query;
        Assert.Equal(new SourcePosition(1, 1), statement.Position);
        Assert.Equal(new SourcePosition(1, 1), query.Position);
        Assert.Equal(new SourcePosition(1, 1), query.With!.Position);
        Assert.Equal(new SourcePosition(1, 6), query.With.Tables[0].Position);
        Assert.Equal(new SourcePosition(1, 12), query.With.Tables[0].Query.Position);

        var select = Assert.IsType<SelectBody>(query.Body);
        Assert.Equal(new SourcePosition(2, 1), select.Position);
        Assert.Equal(new SourcePosition(2, 8), select.Items[0].Position);
        Assert.Equal(new SourcePosition(2, 15), ((ExpressionSelectItem)select.Items[0]).Alias!.Position);
        Assert.Equal(new SourcePosition(2, 18), select.Items[1].Position);

        var join = Assert.IsType<JoinReference>(select.From[0]);
        Assert.Equal(new SourcePosition(3, 6), join.Position);
        Assert.Equal(new SourcePosition(3, 8), ((NamedTableReference)join.Left).Alias!.Position);
        Assert.Equal(new SourcePosition(3, 20), join.Right.Position);
        Assert.Equal(new SourcePosition(4, 7), select.Where!.Position);
        Assert.Equal(new SourcePosition(5, 10), query.OrderBy[0].Position);
    }

    [Fact]
    public void Set_operation_position_is_its_left_arm()
    {
        Query query = QueryOf("  SELECT 1 UNION SELECT 2");
        var union = Assert.IsType<SetOperationBody>(query.Body);
        Assert.Equal(new SourcePosition(1, 3), union.Position);
        Assert.Equal(new SourcePosition(1, 18), union.Right.Position);
    }
}
