using Federation.Logical.Expressions;

namespace Federation.Logical.Plans;

/// <summary>UNION ALL: inputs' columns are matched by position and already cast to the output types.</summary>
public sealed record Union(IReadOnlyList<LogicalPlan> Sources, IReadOnlyList<PlanColumn> Columns) : LogicalPlan
{
    public override IReadOnlyList<PlanColumn> Output => Columns;

    public override IReadOnlyList<LogicalPlan> Inputs => Sources;

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this with { Sources = inputs };

    public override IReadOnlyList<Expr> Expressions => [];

    public override LogicalPlan WithExpressions(IReadOnlyList<Expr> expressions) => this;

    public override string Describe() => "Union";
}
