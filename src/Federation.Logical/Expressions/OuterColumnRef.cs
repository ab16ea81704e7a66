using Federation.Common.Types;

namespace Federation.Logical.Expressions;

/// <summary>
/// A correlated reference from inside a subquery to a column of an enclosing query. Decorrelation rules
/// remove them; a plan that still has one when executed runs the subquery once per outer row.
/// </summary>
public sealed record OuterColumnRef(PlanColumn Column) : Expr
{
    public override SqlType Type => Column.Type;

    public override bool Nullable => Column.Nullable;

    public override IReadOnlyList<Expr> Children => [];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => this;

    public override string ToString() => "outer(" + Column.Name + ")";
}
