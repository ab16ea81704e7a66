using Federation.Logical.Expressions;

namespace Federation.Logical.Plans;

/// <summary>
/// A join. Condition null means every pair (a cross join when Inner). NullAware makes an Anti join follow
/// NOT IN's rules: no row survives when the right side has a NULL key, and a left row with a NULL key only
/// survives when the right side is empty.
/// </summary>
public sealed record Join(LogicalPlan Left, LogicalPlan Right, JoinType Type, Expr? Condition, bool NullAware = false, PlanColumn? MarkColumn = null) : LogicalPlan
{
    public override IReadOnlyList<PlanColumn> Output => Type switch
    {
        JoinType.Inner => [.. Left.Output, .. Right.Output],
        JoinType.Left => [.. Left.Output, .. Nullable(Right.Output)],
        JoinType.Right => [.. Nullable(Left.Output), .. Right.Output],
        JoinType.Full => [.. Nullable(Left.Output), .. Nullable(Right.Output)],
        JoinType.Semi or JoinType.Anti => Left.Output,
        JoinType.Mark => [.. Left.Output, MarkColumn!],
        _ => throw new InvalidOperationException(),
    };

    private static IEnumerable<PlanColumn> Nullable(IReadOnlyList<PlanColumn> columns) =>
        columns.Select(c => c.Nullable ? c : c with { Nullable = true });

    public override IReadOnlyList<LogicalPlan> Inputs => [Left, Right];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this with { Left = inputs[0], Right = inputs[1] };

    public override IReadOnlyList<Expr> Expressions => Condition is null ? [] : [Condition];

    public override LogicalPlan WithExpressions(IReadOnlyList<Expr> expressions) =>
        this with { Condition = expressions.Count == 0 ? null : expressions[0] };

    public override string Describe()
    {
        var name = Condition is null && Type == JoinType.Inner ? "CrossJoin" : $"Join: {Type}{(NullAware ? " (null-aware)" : string.Empty)}";
        return Condition is null ? name : $"{name} on {Condition}";
    }
}
