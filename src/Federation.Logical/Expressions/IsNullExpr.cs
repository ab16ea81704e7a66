using Federation.Common.Types;

namespace Federation.Logical.Expressions;

/// <summary>input IS NULL, or IS NOT NULL when Negated.</summary>
public sealed record IsNullExpr(Expr Input, bool Negated) : Expr
{
    public override SqlType Type => SqlType.Boolean;

    public override bool Nullable => false;

    public override IReadOnlyList<Expr> Children => [Input];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => this with { Input = children[0] };

    public override string ToString() => Negated ? $"{Input} IS NOT NULL" : $"{Input} IS NULL";
}
