using Federation.Common;
using Federation.Common.Types;
using Federation.Exchange;
using Federation.Functions;
using Federation.Logical.Expressions;
using Federation.Physical.Tables;
using Google.Protobuf;
using Proto = Federation.Exchange.Protocol;

namespace Federation.Worker.Tests;

/// <summary>
/// A fragment's partial aggregate survives the codec; fragments without one are still written as version 1 (older
/// workers run them), with one as version 2; a worker refuses an aggregate it would compute differently.
/// </summary>
public sealed class PartialAggregateCodecTests
{
    private static readonly Expr Filter = TestTable.IntAboveTen;

    private static AggregateExpr Call(string name, Expr? filter, params Expr[] arguments) =>
        new(FunctionRegistry.Default.FindAggregate(name)!.Bind(arguments.Select(a => a.Type).ToArray())!, arguments, false, filter, []);

    private static ScanFragment Aggregating(PartialAggregation aggregate) =>
        TestTable.Fragment(aggregate.Filters, output: []) with { Aggregate = aggregate };

    private static readonly PartialAggregation Aggregate = new(
        [Filter],
        [TestTable.Column("c_text"), TestTable.Call("upper", TestTable.Column("c_varchar"))],
        [
            Call("sum", null, new BinaryExpr(BinaryOp.Multiply, TestTable.Column("c_dec"), TestTable.Column("c_dec"), SqlType.Decimal(31, 4))),
            Call("avg", null, TestTable.Column("c_double")),
            Call("count", new IsNullExpr(TestTable.Column("c_date"), Negated: true)),
            Call("min", null, TestTable.Column("c_ts")),
        ]);

    [Fact]
    public void A_partial_aggregate_round_trips_and_makes_the_fragment_version_2()
    {
        var bytes = FragmentCodec.Encode(Aggregating(Aggregate));
        Assert.Equal(2u, Proto.ScanFragment.Parser.ParseFrom(bytes).Version);

        var decoded = FragmentCodec.Decode(bytes).Aggregate!;

        ExprAssert.Equal(Filter, Assert.Single(decoded.Filters));
        Assert.Equal(2, decoded.GroupBy.Count);
        for (var g = 0; g < 2; g++)
        {
            ExprAssert.Equal(Aggregate.GroupBy[g], decoded.GroupBy[g]);
        }

        Assert.Equal(4, decoded.Aggregates.Count);
        for (var a = 0; a < 4; a++)
        {
            var (expected, actual) = (Aggregate.Aggregates[a], decoded.Aggregates[a]);
            Assert.Same(expected.Binding.Function, actual.Binding.Function);
            Assert.Equal(expected.Binding.ReturnType, actual.Binding.ReturnType);
            Assert.Equal(expected.Binding.StateTypes, actual.Binding.StateTypes);
            Assert.Equal(expected.Arguments.Count, actual.Arguments.Count);
            for (var i = 0; i < expected.Arguments.Count; i++)
            {
                ExprAssert.Equal(expected.Arguments[i], actual.Arguments[i]);
            }

            Assert.Equal(expected.Filter is null, actual.Filter is null);
        }

        ExprAssert.Equal(Aggregate.Aggregates[2].Filter!, decoded.Aggregates[2].Filter!);
    }

    [Fact]
    public void Only_an_aggregate_a_worker_computes_exactly_is_shipped()
    {
        Assert.True(ShippableFilters.CanShip(Aggregate));

        var random = TestTable.Call("random");
        Assert.False(ShippableFilters.CanShip(Aggregate with { Filters = [new BinaryExpr(BinaryOp.Less, random, Literal.Of(ScalarValue.Float64(0.5)), SqlType.Boolean)] }));
        Assert.False(ShippableFilters.CanShip(Aggregate with { Aggregates = [Call("sum", null, random)] }));
        Assert.False(ShippableFilters.CanShip(Aggregate with { GroupBy = [new ParameterExpr(1, SqlType.Int32)] }));
    }

    [Fact]
    public void A_fragment_without_an_aggregate_is_still_version_1()
    {
        var bytes = FragmentCodec.Encode(TestTable.Fragment([Filter]));

        Assert.Equal(1u, Proto.ScanFragment.Parser.ParseFrom(bytes).Version);
        Assert.Null(FragmentCodec.Decode(bytes).Aggregate);
    }

    [Fact]
    public void A_version_1_fragment_carrying_an_aggregate_is_refused()
    {
        var message = Proto.ScanFragment.Parser.ParseFrom(FragmentCodec.Encode(Aggregating(Aggregate)));
        message.Version = 1;

        var error = Assert.Throws<FederationException>(() => FragmentCodec.Decode(message.ToByteArray()));

        Assert.Contains("a version 1 fragment has no partial aggregate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_aggregate_whose_states_this_worker_would_compute_differently_is_refused()
    {
        var message = Proto.ScanFragment.Parser.ParseFrom(FragmentCodec.Encode(Aggregating(Aggregate)));
        message.Aggregate.Aggregates[1].StateTypes.RemoveAt(1);

        var error = Assert.Throws<FederationException>(() => FragmentCodec.Decode(message.ToByteArray()));

        Assert.Equal(ErrorCode.FunctionNotFound, error.Code);
        Assert.Contains("scan fragment calls aggregate avg(double precision)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_aggregate_function_is_refused_naming_it()
    {
        var message = Proto.ScanFragment.Parser.ParseFrom(FragmentCodec.Encode(Aggregating(Aggregate)));
        message.Aggregate.Aggregates[0].Name = "median_of_medians";

        var error = Assert.Throws<FederationException>(() => FragmentCodec.Decode(message.ToByteArray()));

        Assert.Contains("aggregate median_of_medians, which this worker does not have", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregating_fragments_that_do_not_hold_together_are_refused()
    {
        var fragment = Aggregating(Aggregate);
        var stranger = new ColumnRef(new Logical.PlanColumn(7, "elsewhere", SqlType.Int32, true));

        Assert.Contains("no output columns and no limit", Refused(fragment with { Output = [0] }), StringComparison.Ordinal);
        Assert.Contains("no output columns and no limit", Refused(fragment with { Limit = 5 }), StringComparison.Ordinal);
        Assert.Contains("filters are not the fragment's", Refused(fragment with { Filters = [] }), StringComparison.Ordinal);
        Assert.Contains("group key elsewhere reads a column (#7)", Refused(fragment with { Aggregate = Aggregate with { GroupBy = [stranger] } }), StringComparison.Ordinal);
        var distinct = Aggregate with { Aggregates = [Call("count", null, TestTable.Column("c_int")) with { Distinct = true }] };
        Assert.Contains("has no partial state", Refused(fragment with { Aggregate = distinct }), StringComparison.Ordinal);
    }

    private static string Refused(ScanFragment fragment)
    {
        var error = Assert.Throws<FederationException>(() => FragmentCodec.Encode(fragment));
        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        return error.Message;
    }
}
