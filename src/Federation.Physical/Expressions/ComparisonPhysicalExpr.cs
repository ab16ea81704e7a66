using Apache.Arrow;
using Federation.Common.Types;
using Federation.Functions;
using Federation.Functions.Kernels;

namespace Federation.Physical.Expressions;

public sealed class ComparisonPhysicalExpr(ComparisonOp op, PhysicalExpr left, PhysicalExpr right) : PhysicalExpr
{
    public ComparisonOp Op { get; } = op;

    public PhysicalExpr Left { get; } = left;

    public PhysicalExpr Right { get; } = right;

    public override SqlType Type => SqlType.Boolean;

    public override ColumnarValue Evaluate(RecordBatch batch, EvaluationContext context) =>
        ComparisonKernel.Compare(Op, Left.Evaluate(batch, context), Right.Evaluate(batch, context), Left.Type, batch.Length);

    public override bool CannotFail => Left.CannotFail && Right.CannotFail;

    public override string ToString() => $"{Left} {Symbol(Op)} {Right}";

    private static string Symbol(ComparisonOp op) => op switch
    {
        ComparisonOp.Equal => "=",
        ComparisonOp.NotEqual => "<>",
        ComparisonOp.Less => "<",
        ComparisonOp.LessOrEqual => "<=",
        ComparisonOp.Greater => ">",
        ComparisonOp.GreaterOrEqual => ">=",
        ComparisonOp.IsDistinctFrom => "IS DISTINCT FROM",
        _ => "IS NOT DISTINCT FROM",
    };
}
