namespace Federation.Functions.Aggregates;

/// <summary>Every built-in aggregate function, registered by <see cref="FunctionRegistry.Default"/>.</summary>
public static class BuiltinAggregateFunctions
{
    public static IReadOnlyList<AggregateFunction> All { get; } =
    [
        new CountFunction(),
        new SumFunction(),
        new AvgFunction(),
        MinMaxFunction.Min,
        MinMaxFunction.Max,
        BoolAggregateFunction.And,
        BoolAggregateFunction.Or,
        new ListaggFunction(),
        .. VarianceFunction.All,
        SingleValueFunction.Instance,
    ];
}
