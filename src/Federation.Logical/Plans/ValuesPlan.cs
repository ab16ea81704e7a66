using Federation.Logical.Expressions;

namespace Federation.Logical.Plans;

/// <summary>VALUES (...), (...): rows of expressions that reference no columns.</summary>
public sealed record ValuesPlan(IReadOnlyList<PlanColumn> Columns, IReadOnlyList<IReadOnlyList<Expr>> Rows) : LogicalPlan
{
    public override IReadOnlyList<PlanColumn> Output => Columns;

    public override IReadOnlyList<LogicalPlan> Inputs => [];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this;

    public override IReadOnlyList<Expr> Expressions => Rows.SelectMany(r => r).ToArray();

    public override LogicalPlan WithExpressions(IReadOnlyList<Expr> expressions)
    {
        var width = Columns.Count;
        var rows = new IReadOnlyList<Expr>[Rows.Count];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r] = expressions.Skip(r * width).Take(width).ToArray();
        }

        return this with { Rows = rows };
    }

    public override string Describe() => $"Values: {Rows.Count} row{(Rows.Count == 1 ? string.Empty : "s")} [{string.Join(", ", Columns)}]";
}
