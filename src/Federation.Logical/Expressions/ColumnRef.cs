using Federation.Common.Types;

namespace Federation.Logical.Expressions;

/// <summary>A reference to a column produced by the input of the node holding the expression.</summary>
public sealed record ColumnRef(PlanColumn Column) : Expr
{
    public int Id => Column.Id;

    public override SqlType Type => Column.Type;

    public override bool Nullable => Column.Nullable;

    public override IReadOnlyList<Expr> Children => [];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => this;

    public override string ToString() => Column.Name;
}
