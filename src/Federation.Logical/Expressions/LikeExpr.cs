using Federation.Common.Types;

namespace Federation.Logical.Expressions;

/// <summary>input [NOT] LIKE|ILIKE pattern [ESCAPE escape]; Escape null means the default backslash.</summary>
public sealed record LikeExpr(Expr Input, Expr Pattern, string? Escape, bool CaseInsensitive, bool Negated) : Expr
{
    public override SqlType Type => SqlType.Boolean;

    public override bool Nullable => Input.Nullable || Pattern.Nullable;

    public override IReadOnlyList<Expr> Children => [Input, Pattern];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => this with { Input = children[0], Pattern = children[1] };

    public override string ToString() =>
        $"{Input} {(Negated ? "NOT " : string.Empty)}{(CaseInsensitive ? "ILIKE" : "LIKE")} {Pattern}{(Escape is null ? string.Empty : $" ESCAPE '{Escape}'")}";
}
