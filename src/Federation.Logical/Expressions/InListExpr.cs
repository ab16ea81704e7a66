using Federation.Common.Types;

namespace Federation.Logical.Expressions;

/// <summary>input [NOT] IN (list); all items have the input's type.</summary>
public sealed record InListExpr(Expr Input, IReadOnlyList<Expr> List, bool Negated) : Expr
{
    public override SqlType Type => SqlType.Boolean;

    public override bool Nullable => Input.Nullable || List.Any(e => e.Nullable);

    public override IReadOnlyList<Expr> Children => [Input, .. List];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => this with { Input = children[0], List = children.Skip(1).ToArray() };

    public override string ToString() => $"{Input} {(Negated ? "NOT IN" : "IN")} ({string.Join(", ", List)})";
}
