namespace Federation.Logical.Expressions;

public static class BinaryOpExtensions
{
    public static bool IsComparison(this BinaryOp op) => op is BinaryOp.Equal or BinaryOp.NotEqual or BinaryOp.Less
        or BinaryOp.LessOrEqual or BinaryOp.Greater or BinaryOp.GreaterOrEqual or BinaryOp.IsDistinctFrom or BinaryOp.IsNotDistinctFrom;

    public static bool IsArithmetic(this BinaryOp op) => op is BinaryOp.Add or BinaryOp.Subtract or BinaryOp.Multiply
        or BinaryOp.Divide or BinaryOp.Modulo;

    public static bool IsLogical(this BinaryOp op) => op is BinaryOp.And or BinaryOp.Or;

    /// <summary>The comparison with its operands swapped: a &lt; b is b &gt; a.</summary>
    public static BinaryOp Swap(this BinaryOp op) => op switch
    {
        BinaryOp.Less => BinaryOp.Greater,
        BinaryOp.LessOrEqual => BinaryOp.GreaterOrEqual,
        BinaryOp.Greater => BinaryOp.Less,
        BinaryOp.GreaterOrEqual => BinaryOp.LessOrEqual,
        _ => op,
    };

    /// <summary>The comparison that is true exactly when this one is false (for non-null operands).</summary>
    public static BinaryOp? Negate(this BinaryOp op) => op switch
    {
        BinaryOp.Equal => BinaryOp.NotEqual,
        BinaryOp.NotEqual => BinaryOp.Equal,
        BinaryOp.Less => BinaryOp.GreaterOrEqual,
        BinaryOp.LessOrEqual => BinaryOp.Greater,
        BinaryOp.Greater => BinaryOp.LessOrEqual,
        BinaryOp.GreaterOrEqual => BinaryOp.Less,
        BinaryOp.IsDistinctFrom => BinaryOp.IsNotDistinctFrom,
        BinaryOp.IsNotDistinctFrom => BinaryOp.IsDistinctFrom,
        _ => null,
    };

    public static string Symbol(this BinaryOp op) => op switch
    {
        BinaryOp.Add => "+",
        BinaryOp.Subtract => "-",
        BinaryOp.Multiply => "*",
        BinaryOp.Divide => "/",
        BinaryOp.Modulo => "%",
        BinaryOp.Concat => "||",
        BinaryOp.Equal => "=",
        BinaryOp.NotEqual => "<>",
        BinaryOp.Less => "<",
        BinaryOp.LessOrEqual => "<=",
        BinaryOp.Greater => ">",
        BinaryOp.GreaterOrEqual => ">=",
        BinaryOp.IsDistinctFrom => "IS DISTINCT FROM",
        BinaryOp.IsNotDistinctFrom => "IS NOT DISTINCT FROM",
        BinaryOp.And => "AND",
        BinaryOp.Or => "OR",
        _ => op.ToString(),
    };
}
