using Federation.Logical.Expressions;

namespace Federation.Logical.Plans;

/// <summary>An expression and the column it produces.</summary>
public sealed record ProjectionItem(Expr Expr, PlanColumn Column)
{
    public override string ToString() =>
        Expr is ColumnRef c && c.Column.Name == Column.Name ? Column.Name : $"{Expr} AS {Column.Name}";
}
