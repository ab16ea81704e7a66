using Apache.Arrow;
using Federation.Common.Types;
using Federation.Functions;
using Federation.Functions.Kernels;

namespace Federation.Physical.Expressions;

public sealed class ConcatPhysicalExpr(PhysicalExpr left, PhysicalExpr right) : PhysicalExpr
{
    public override SqlType Type => SqlType.String;

    public override ColumnarValue Evaluate(RecordBatch batch, EvaluationContext context) =>
        ConcatKernel.Evaluate(left.Evaluate(batch, context), right.Evaluate(batch, context), batch.Length);

    public override string ToString() => $"{left} || {right}";
}
