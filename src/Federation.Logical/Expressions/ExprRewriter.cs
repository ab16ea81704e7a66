namespace Federation.Logical.Expressions;

/// <summary>Rebuilds expression trees. Unchanged subtrees are returned as the same instances.</summary>
public static class ExprRewriter
{
    /// <summary>Post-order rewrite: children first, then <paramref name="rewrite"/> on the rebuilt node (null keeps it).</summary>
    public static Expr TransformUp(Expr expr, Func<Expr, Expr?> rewrite)
    {
        var children = expr.Children;
        if (children.Count > 0)
        {
            Expr[]? changed = null;
            for (var i = 0; i < children.Count; i++)
            {
                var child = TransformUp(children[i], rewrite);
                if (!ReferenceEquals(child, children[i]))
                {
                    changed ??= children.ToArray();
                    changed[i] = child;
                }
            }

            if (changed is not null)
            {
                expr = expr.WithChildren(changed);
            }
        }

        return rewrite(expr) ?? expr;
    }

    /// <summary>Pre-order rewrite: when <paramref name="rewrite"/> returns a node, its children are not visited.</summary>
    public static Expr TransformDown(Expr expr, Func<Expr, Expr?> rewrite)
    {
        var replaced = rewrite(expr);
        if (replaced is not null)
        {
            return replaced;
        }

        var children = expr.Children;
        if (children.Count == 0)
        {
            return expr;
        }

        Expr[]? changed = null;
        for (var i = 0; i < children.Count; i++)
        {
            var child = TransformDown(children[i], rewrite);
            if (!ReferenceEquals(child, children[i]))
            {
                changed ??= children.ToArray();
                changed[i] = child;
            }
        }

        return changed is null ? expr : expr.WithChildren(changed);
    }

    /// <summary>Replaces column references by id (used to move a predicate through a projection).</summary>
    public static Expr ReplaceColumns(Expr expr, IReadOnlyDictionary<int, Expr> replacements) =>
        TransformDown(expr, e => e is ColumnRef c && replacements.TryGetValue(c.Id, out var r) ? r : null);
}
