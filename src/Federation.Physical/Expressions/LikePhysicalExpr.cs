using Apache.Arrow;
using Federation.Common.Types;
using Federation.Functions;
using Federation.Functions.Kernels;

namespace Federation.Physical.Expressions;

public sealed class LikePhysicalExpr(PhysicalExpr input, PhysicalExpr pattern, string? escape, bool caseInsensitive, bool negated) : PhysicalExpr
{
    public override SqlType Type => SqlType.Boolean;

    public override ColumnarValue Evaluate(RecordBatch batch, EvaluationContext context) =>
        LikeKernel.Evaluate(input.Evaluate(batch, context), pattern.Evaluate(batch, context), escape, caseInsensitive, negated, batch.Length);

    public override string ToString() => $"{input} {(negated ? "NOT " : string.Empty)}{(caseInsensitive ? "ILIKE" : "LIKE")} {pattern}";
}
