using Federation.Sql.Ast;
using Federation.Sql.Parsing;

namespace Federation.Sql.Tests;

public sealed class TpchQueryTests
{
    [Theory]
    [MemberData(nameof(TpchQueries.Numbers), MemberType = typeof(TpchQueries))]
    public void Every_tpch_query_parses_to_one_query_statement(int number)
    {
        Statement statement = Assert.Single(SqlParser.Parse(TpchQueries.Get(number)));
        Assert.IsType<QueryStatement>(statement);
    }

    [Theory]
    [MemberData(nameof(TpchQueries.Numbers), MemberType = typeof(TpchQueries))]
    public void Every_node_of_every_tpch_query_points_at_its_first_character(int number)
    {
        string sql = TpchQueries.Get(number);
        string[] lines = sql.Split('\n');
        foreach (SqlNode node in AstNodes.DescendantsAndSelf(SqlParser.ParseStatement(sql)))
        {
            SourcePosition position = node.Position;
            Assert.True(position.Line >= 1 && position.Line <= lines.Length, $"{node.GetType().Name} at {position}");
            string line = lines[position.Line - 1];
            Assert.True(position.Column >= 1 && position.Column <= line.Length, $"{node.GetType().Name} at {position}");
            Assert.False(char.IsWhiteSpace(line[position.Column - 1]), $"{node.GetType().Name} at {position} points at white space");
        }
    }

    [Fact]
    public void Q1_subtracts_an_interval_from_a_date()
    {
        SelectBody select = TestParse.SelectOf(TpchQueries.Get(1));
        Assert.Equal("(<= l_shipdate (- (typed date '1998-12-01') (interval '90' day)))", AstFormatter.Format(select.Where!));
        Assert.Equal(10, select.Items.Count);
        Assert.Equal(["l_returnflag", "l_linestatus"], select.GroupBy.Select(AstFormatter.Format));
    }

    [Fact]
    public void Q7_extracts_the_year()
    {
        var derived = Assert.IsType<DerivedTableReference>(TestParse.SelectOf(TpchQueries.Get(7)).From[0]);
        var inner = Assert.IsType<SelectBody>(derived.Query.Body);
        var year = Assert.IsType<ExpressionSelectItem>(inner.Items[2]);
        Assert.Equal("(date_part 'year' l_shipdate)", AstFormatter.Format(year.Expression));
        Assert.Equal("l_year", year.Alias!.Value);
        Assert.Equal("shipping", derived.Alias!.Name.Value);
    }

    [Fact]
    public void Q13_has_a_left_outer_join_and_derived_column_aliases()
    {
        var derived = Assert.IsType<DerivedTableReference>(TestParse.SelectOf(TpchQueries.Get(13)).From[0]);
        Assert.Equal(["c_custkey", "c_count"], derived.Alias!.Columns!.Select(c => c.Value));
        var inner = Assert.IsType<SelectBody>(derived.Query.Body);
        var join = Assert.IsType<JoinReference>(Assert.Single(inner.From));
        Assert.Equal(JoinKind.Left, join.Kind);
        Assert.Equal("(and (= c_custkey o_custkey) (not-like o_comment '%special%requests%'))", AstFormatter.Format(join.On!));
    }

    [Fact]
    public void Q15_is_a_with_query()
    {
        Query query = TestParse.QueryOf(TpchQueries.Get(15));
        CommonTableExpression revenue = Assert.Single(query.With!.Tables);
        Assert.Equal("revenue0", revenue.Name.Value);
        Assert.Equal(["supplier_no", "total_revenue"], revenue.ColumnAliases!.Select(c => c.Value));
    }

    [Fact]
    public void Q22_uses_substring_from_for()
    {
        var derived = Assert.IsType<DerivedTableReference>(TestParse.SelectOf(TpchQueries.Get(22)).From[0]);
        var inner = Assert.IsType<SelectBody>(derived.Query.Body);
        var item = Assert.IsType<ExpressionSelectItem>(inner.Items[0]);
        Assert.Equal("(substring c_phone 1 2)", AstFormatter.Format(item.Expression));
        Assert.Equal("cntrycode", item.Alias!.Value);
    }

    [Fact]
    public void All_queries_parse_as_one_script()
    {
        Assert.Equal(22, SqlParser.Parse(string.Join("\n", TpchQueries.All)).Count);
        Assert.Equal(22, SqlParser.SplitStatements(string.Join("\n", TpchQueries.All)).Count);
    }
}
