using Federation.Common.Types;

namespace Federation.Logical.Expressions;

/// <summary>
/// An operator with two operands. The binder makes the operand types agree first (comparison operands have
/// one common type; arithmetic operands are cast as the result type requires), so kernels see matching types.
/// </summary>
public sealed record BinaryExpr(BinaryOp Op, Expr Left, Expr Right, SqlType ResultType) : Expr
{
    public override SqlType Type => ResultType;

    public override bool Nullable => Op is not (BinaryOp.IsDistinctFrom or BinaryOp.IsNotDistinctFrom) && (Left.Nullable || Right.Nullable);

    public override IReadOnlyList<Expr> Children => [Left, Right];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => this with { Left = children[0], Right = children[1] };

    public override string ToString() => $"{Wrap(Left, false)} {Op.Symbol()} {Wrap(Right, true)}";

    /// <summary>Parentheses only where precedence needs them: a * (b - c), (a OR b) AND c.</summary>
    private string Wrap(Expr e, bool right)
    {
        if (e is not BinaryExpr child)
        {
            return e.ToString();
        }

        var mine = Precedence(Op);
        var theirs = Precedence(child.Op);
        var needed = theirs < mine || (theirs == mine && right && child.Op != Op) || (theirs == mine && right && Op is BinaryOp.Subtract or BinaryOp.Divide or BinaryOp.Modulo);
        return needed ? "(" + e + ")" : e.ToString();
    }

    private static int Precedence(BinaryOp op) => op switch
    {
        BinaryOp.Or => 1,
        BinaryOp.And => 2,
        BinaryOp.Multiply or BinaryOp.Divide or BinaryOp.Modulo => 7,
        BinaryOp.Add or BinaryOp.Subtract => 6,
        BinaryOp.Concat => 5,
        _ => 4,
    };
}
