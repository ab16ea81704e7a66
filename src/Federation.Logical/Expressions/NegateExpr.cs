using Federation.Common.Types;

namespace Federation.Logical.Expressions;

/// <summary>Unary minus.</summary>
public sealed record NegateExpr(Expr Input) : Expr
{
    public override SqlType Type => Input.Type;

    public override bool Nullable => Input.Nullable;

    public override IReadOnlyList<Expr> Children => [Input];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => this with { Input = children[0] };

    public override string ToString() => $"-{Input}";
}
