using Federation.Common.Types;

namespace Federation.Logical.Expressions;

/// <summary>Splits and joins AND / OR chains.</summary>
public static class Conjunctions
{
    public static List<Expr> Split(Expr? expr)
    {
        var list = new List<Expr>();
        if (expr is not null)
        {
            SplitInto(expr, BinaryOp.And, list);
        }

        return list;
    }

    public static List<Expr> SplitDisjunction(Expr expr)
    {
        var list = new List<Expr>();
        SplitInto(expr, BinaryOp.Or, list);
        return list;
    }

    private static void SplitInto(Expr expr, BinaryOp op, List<Expr> list)
    {
        if (expr is BinaryExpr b && b.Op == op)
        {
            SplitInto(b.Left, op, list);
            SplitInto(b.Right, op, list);
        }
        else
        {
            list.Add(expr);
        }
    }

    /// <summary>AND of the list; null for an empty list.</summary>
    public static Expr? Combine(IEnumerable<Expr> parts)
    {
        Expr? result = null;
        foreach (var p in parts)
        {
            result = result is null ? p : new BinaryExpr(BinaryOp.And, result, p, SqlType.Boolean);
        }

        return result;
    }

    public static Expr CombineOr(IEnumerable<Expr> parts)
    {
        Expr? result = null;
        foreach (var p in parts)
        {
            result = result is null ? p : new BinaryExpr(BinaryOp.Or, result, p, SqlType.Boolean);
        }

        return result ?? Literal.False;
    }

    public static Expr And(Expr a, Expr b) => new BinaryExpr(BinaryOp.And, a, b, SqlType.Boolean);
}
