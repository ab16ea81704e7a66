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

    public override string ToString() => $"{Wrap(Left)} {Op.Symbol()} {Wrap(Right)}";

    private static string Wrap(Expr e) => e is BinaryExpr { Op: BinaryOp.And or BinaryOp.Or } ? "(" + e + ")" : e.ToString();
}
