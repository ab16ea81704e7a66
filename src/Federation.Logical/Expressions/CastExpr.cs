using Federation.Common.Types;

namespace Federation.Logical.Expressions;

/// <summary>CAST(input AS target). Implicit coercions inserted by the binder are casts too.</summary>
public sealed record CastExpr(Expr Input, SqlType Target) : Expr
{
    public override SqlType Type => Target;

    public override bool Nullable => Input.Nullable;

    public override IReadOnlyList<Expr> Children => [Input];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => this with { Input = children[0] };

    public override string ToString() => $"CAST({Input} AS {Target})";
}
