using Federation.Logical.Expressions;

namespace Federation.Logical.Plans;

public sealed record Filter(LogicalPlan Input, Expr Predicate) : LogicalPlan
{
    public override IReadOnlyList<PlanColumn> Output => Input.Output;

    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this with { Input = inputs[0] };

    public override IReadOnlyList<Expr> Expressions => [Predicate];

    public override LogicalPlan WithExpressions(IReadOnlyList<Expr> expressions) => this with { Predicate = expressions[0] };

    public override string Describe() => $"Filter: {Predicate}";
}
