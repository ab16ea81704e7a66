using Apache.Arrow;
using Federation.Common.Types;
using Federation.Functions;
using Federation.Functions.Kernels;

namespace Federation.Physical.Expressions;

public sealed class NotPhysicalExpr(PhysicalExpr input) : PhysicalExpr
{
    public override SqlType Type => SqlType.Boolean;

    public override ColumnarValue Evaluate(RecordBatch batch, EvaluationContext context) => BooleanKernel.Not(input.Evaluate(batch, context), batch.Length);

    public override bool CannotFail => input.CannotFail;

    public override string ToString() => $"NOT {input}";
}
