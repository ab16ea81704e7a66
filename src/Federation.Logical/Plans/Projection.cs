using Federation.Logical.Expressions;

namespace Federation.Logical.Plans;

public sealed record Projection(LogicalPlan Input, IReadOnlyList<ProjectionItem> Items) : LogicalPlan
{
    public override IReadOnlyList<PlanColumn> Output => Items.Select(i => i.Column).ToArray();

    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this with { Input = inputs[0] };

    public override IReadOnlyList<Expr> Expressions => Items.Select(i => i.Expr).ToArray();

    public override LogicalPlan WithExpressions(IReadOnlyList<Expr> expressions) =>
        this with { Items = Items.Select((item, i) => item with { Expr = expressions[i] }).ToArray() };

    public override string Describe() => $"Projection: {string.Join(", ", Items)}";
}
