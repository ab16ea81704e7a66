using Federation.Logical.Expressions;

namespace Federation.Logical.Plans;

/// <summary>OFFSET Skip LIMIT Fetch (Fetch null: no limit).</summary>
public sealed record Limit(LogicalPlan Input, long Skip, long? Fetch) : LogicalPlan
{
    public override IReadOnlyList<PlanColumn> Output => Input.Output;

    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this with { Input = inputs[0] };

    public override IReadOnlyList<Expr> Expressions => [];

    public override LogicalPlan WithExpressions(IReadOnlyList<Expr> expressions) => this;

    public override string Describe() => $"Limit: skip={Skip}, fetch={(Fetch is null ? "None" : Fetch.ToString())}";
}
