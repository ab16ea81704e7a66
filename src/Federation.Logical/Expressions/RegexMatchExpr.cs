using Federation.Common.Types;

namespace Federation.Logical.Expressions;

/// <summary>input ~ pattern (POSIX regular expression match), its case-insensitive and negated forms, and SIMILAR TO.</summary>
public sealed record RegexMatchExpr(Expr Input, Expr Pattern, bool CaseInsensitive, bool Negated, bool Similar) : Expr
{
    public override SqlType Type => SqlType.Boolean;

    public override bool Nullable => Input.Nullable || Pattern.Nullable;

    public override IReadOnlyList<Expr> Children => [Input, Pattern];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => this with { Input = children[0], Pattern = children[1] };

    public override string ToString() => Similar
        ? $"{Input} {(Negated ? "NOT " : string.Empty)}SIMILAR TO {Pattern}"
        : $"{Input} {(Negated ? "!" : string.Empty)}~{(CaseInsensitive ? "*" : string.Empty)} {Pattern}";
}
