using Federation.Common.Types;

namespace Federation.Logical.Expressions;

/// <summary>
/// A typed logical expression. Nodes are immutable records; rules change them with <see cref="WithChildren"/>
/// and the helpers in <see cref="ExprRewriter"/>.
/// </summary>
public abstract record Expr
{
    public abstract SqlType Type { get; }

    /// <summary>False only when the expression can never be NULL.</summary>
    public abstract bool Nullable { get; }

    public abstract IReadOnlyList<Expr> Children { get; }

    public abstract Expr WithChildren(IReadOnlyList<Expr> children);

    /// <summary>Display form for EXPLAIN and messages.</summary>
    public abstract override string ToString();
}
