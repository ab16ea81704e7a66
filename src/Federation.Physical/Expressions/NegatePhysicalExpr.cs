using Apache.Arrow;
using Federation.Common.Types;
using Federation.Functions;
using Federation.Functions.Kernels;

namespace Federation.Physical.Expressions;

public sealed class NegatePhysicalExpr(PhysicalExpr input) : PhysicalExpr
{
    public override SqlType Type => input.Type;

    public override ColumnarValue Evaluate(RecordBatch batch, EvaluationContext context) =>
        NegateKernel.Evaluate(input.Evaluate(batch, context), input.Type, batch.Length);

    public override string ToString() => $"-{input}";
}
