using Federation.Common.Types;

namespace Federation.Logical.Expressions;

/// <summary>A prepared-statement parameter $Index (1-based) with the type it was inferred or declared to have.</summary>
public sealed record ParameterExpr(int Index, SqlType ParameterType) : Expr
{
    public override SqlType Type => ParameterType;

    public override bool Nullable => true;

    public override IReadOnlyList<Expr> Children => [];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => this;

    public override string ToString() => "$" + Index;
}
