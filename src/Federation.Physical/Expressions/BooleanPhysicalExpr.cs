using Apache.Arrow;
using Federation.Common.Types;
using Federation.Functions;
using Federation.Functions.Kernels;

namespace Federation.Physical.Expressions;

/// <summary>AND / OR.</summary>
public sealed class BooleanPhysicalExpr(bool isAnd, PhysicalExpr left, PhysicalExpr right) : PhysicalExpr
{
    public override SqlType Type => SqlType.Boolean;

    public override ColumnarValue Evaluate(RecordBatch batch, EvaluationContext context)
    {
        var l = left.Evaluate(batch, context);
        var r = right.Evaluate(batch, context);
        return isAnd ? BooleanKernel.And(l, r, batch.Length) : BooleanKernel.Or(l, r, batch.Length);
    }

    public override bool CannotFail => left.CannotFail && right.CannotFail;

    public override string ToString() => $"({left} {(isAnd ? "AND" : "OR")} {right})";
}
