using Federation.Logical.Expressions;

namespace Federation.Logical.Plans;

/// <summary>ORDER BY; Fetch set means only the first Fetch rows are needed (top-N).</summary>
public sealed record Sort(LogicalPlan Input, IReadOnlyList<SortKey> Keys, long? Fetch) : LogicalPlan
{
    public override IReadOnlyList<PlanColumn> Output => Input.Output;

    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this with { Input = inputs[0] };

    public override IReadOnlyList<Expr> Expressions => Keys.Select(k => k.Expr).ToArray();

    public override LogicalPlan WithExpressions(IReadOnlyList<Expr> expressions) =>
        this with { Keys = Keys.Select((k, i) => k.WithExpr(expressions[i])).ToArray() };

    public override string Describe() => $"Sort: {string.Join(", ", Keys)}{(Fetch is null ? string.Empty : $" fetch={Fetch}")}";
}
