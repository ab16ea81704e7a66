using Federation.Logical.Expressions;

namespace Federation.Physical.Tables;

/// <summary>
/// The partial half of an aggregate, stated over a scan's own columns so that whoever reads the rows can compute it
/// there: keep the rows every filter holds TRUE for, group them by <see cref="GroupBy"/>, and return per group the
/// group values and each aggregate's partial state (the layout of a Partial <c>HashAggregateExec</c>). Projections
/// between the aggregate and the scan are already substituted into the expressions.
/// </summary>
/// <param name="Filters">Conjuncts every row must satisfy before it is aggregated; they are exact, not hints.</param>
/// <param name="GroupBy">The grouping expressions, in output order.</param>
/// <param name="Aggregates">The aggregate calls (none DISTINCT or ordered: those have no partial state).</param>
public sealed record PartialAggregation(IReadOnlyList<Expr> Filters, IReadOnlyList<Expr> GroupBy, IReadOnlyList<AggregateExpr> Aggregates)
{
    public override string ToString() =>
        $"gby=[{string.Join(", ", GroupBy)}], aggr=[{string.Join(", ", Aggregates)}]"
        + (Filters.Count == 0 ? string.Empty : $", filter=[{string.Join(", ", Filters)}]");
}
