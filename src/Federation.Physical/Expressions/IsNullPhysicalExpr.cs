using Apache.Arrow;
using Federation.Common.Types;
using Federation.Functions;
using Federation.Functions.Kernels;

namespace Federation.Physical.Expressions;

public sealed class IsNullPhysicalExpr(PhysicalExpr input, bool negated) : PhysicalExpr
{
    public override SqlType Type => SqlType.Boolean;

    public override ColumnarValue Evaluate(RecordBatch batch, EvaluationContext context) =>
        BooleanKernel.IsNull(input.Evaluate(batch, context), negated, batch.Length);

    public override bool CannotFail => input.CannotFail;

    public override string ToString() => negated ? $"{input} IS NOT NULL" : $"{input} IS NULL";
}
