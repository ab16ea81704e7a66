using Federation.Logical.Expressions;

namespace Federation.Logical.Plans;

/// <summary>
/// GROUP BY: output is the group columns followed by the aggregate columns. Aggregates' expressions are
/// <see cref="AggregateExpr"/>. With no group keys it produces exactly one row, even from empty input.
/// </summary>
public sealed record Aggregate(LogicalPlan Input, IReadOnlyList<ProjectionItem> GroupBy, IReadOnlyList<ProjectionItem> Aggregates) : LogicalPlan
{
    public override IReadOnlyList<PlanColumn> Output => [.. GroupBy.Select(g => g.Column), .. Aggregates.Select(a => a.Column)];

    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this with { Input = inputs[0] };

    public override IReadOnlyList<Expr> Expressions => [.. GroupBy.Select(g => g.Expr), .. Aggregates.Select(a => a.Expr)];

    public override LogicalPlan WithExpressions(IReadOnlyList<Expr> expressions) => this with
    {
        GroupBy = GroupBy.Select((g, i) => g with { Expr = expressions[i] }).ToArray(),
        Aggregates = Aggregates.Select((a, i) => a with { Expr = expressions[GroupBy.Count + i] }).ToArray(),
    };

    public override string Describe() =>
        $"Aggregate: groupBy=[{string.Join(", ", GroupBy)}], aggr=[{string.Join(", ", Aggregates)}]";
}
