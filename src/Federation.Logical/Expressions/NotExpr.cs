using Federation.Common.Types;

namespace Federation.Logical.Expressions;

public sealed record NotExpr(Expr Input) : Expr
{
    public override SqlType Type => SqlType.Boolean;

    public override bool Nullable => Input.Nullable;

    public override IReadOnlyList<Expr> Children => [Input];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => this with { Input = children[0] };

    public override string ToString() => $"NOT {Input}";
}
