namespace Federation.Functions.Aggregates;

/// <summary>Every built-in aggregate function, registered by <see cref="FunctionRegistry.Default"/>.</summary>
public static class BuiltinAggregateFunctions
{
    public static IReadOnlyList<AggregateFunction> All { get; } =
    [
    ];
}
