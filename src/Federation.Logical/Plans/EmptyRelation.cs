using Federation.Logical.Expressions;

namespace Federation.Logical.Plans;

/// <summary>No rows, or exactly one row with no columns (the FROM of SELECT 1).</summary>
public sealed record EmptyRelation(bool ProduceOneRow, IReadOnlyList<PlanColumn> Columns) : LogicalPlan
{
    public override IReadOnlyList<PlanColumn> Output => Columns;

    public override IReadOnlyList<LogicalPlan> Inputs => [];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this;

    public override IReadOnlyList<Expr> Expressions => [];

    public override LogicalPlan WithExpressions(IReadOnlyList<Expr> expressions) => this;

    public override string Describe() => ProduceOneRow ? "EmptyRelation: one row" : "EmptyRelation";
}
