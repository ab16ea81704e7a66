using Federation.Common.Types;
using Federation.Functions.Aggregates;
using Federation.Logical.Expressions;
using Federation.Physical.Expressions;

namespace Federation.Physical.Operators;

/// <summary>One window function of a <see cref="WindowExec"/>; all of them share the operator's PARTITION BY and ORDER BY.</summary>
public sealed record WindowFunctionSpec(
    WindowFunctionKind Kind,
    AggregateBinding? Aggregate,
    IReadOnlyList<PhysicalExpr> Arguments,
    WindowFrame Frame,
    SqlType ResultType,
    string Display)
{
    public override string ToString() => Display;
}
