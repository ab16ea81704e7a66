using Federation.Logical.Expressions;

namespace Federation.Logical.Plans;

/// <summary>Computes window functions: output is the input's columns followed by one column per <see cref="WindowExpr"/>.</summary>
public sealed record WindowPlan(LogicalPlan Input, IReadOnlyList<ProjectionItem> Functions) : LogicalPlan
{
    public override IReadOnlyList<PlanColumn> Output => [.. Input.Output, .. Functions.Select(f => f.Column)];

    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this with { Input = inputs[0] };

    public override IReadOnlyList<Expr> Expressions => Functions.Select(f => f.Expr).ToArray();

    public override LogicalPlan WithExpressions(IReadOnlyList<Expr> expressions) =>
        this with { Functions = Functions.Select((f, i) => f with { Expr = expressions[i] }).ToArray() };

    public override string Describe() => $"Window: {string.Join(", ", Functions)}";
}
