using Federation.Logical.Expressions;

namespace Federation.Logical.Plans;

/// <summary>
/// One reference to a materialized WITH query. Columns are this reference's own (fresh ids), matching the
/// shared plan's output by position. A leaf for the optimizer: rules do not move predicates into a query that
/// other references share.
/// </summary>
public sealed record CteRef(CommonTable Table, IReadOnlyList<PlanColumn> Columns) : LogicalPlan
{
    public override IReadOnlyList<PlanColumn> Output => Columns;

    public override IReadOnlyList<LogicalPlan> Inputs => [];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this;

    public override IReadOnlyList<Expr> Expressions => [];

    public override LogicalPlan WithExpressions(IReadOnlyList<Expr> expressions) => this;

    public override string Describe() => $"CteScan: {Table.Name} [{string.Join(", ", Columns)}]";
}
