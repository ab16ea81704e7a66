using Federation.Functions.Aggregates;
using Federation.Physical.Expressions;

namespace Federation.Physical.Operators;

/// <summary>
/// One aggregate of a <see cref="HashAggregateExec"/>. In Partial and Single mode Arguments and Filter are
/// evaluated on the input; in Final mode StateColumns are the input columns holding its partial state.
/// </summary>
public sealed record AggregateSpec(
    string Name,
    AggregateBinding Binding,
    IReadOnlyList<PhysicalExpr> Arguments,
    bool Distinct,
    PhysicalExpr? Filter,
    IReadOnlyList<int> StateColumns)
{
    public override string ToString() =>
        $"{(Binding.Name == "count" && Arguments.Count == 0 ? "count(*)" : $"{Binding.Name}({(Distinct ? "DISTINCT " : string.Empty)}{string.Join(", ", Arguments)})")}{(Filter is null ? string.Empty : $" FILTER (WHERE {Filter})")}";
}
