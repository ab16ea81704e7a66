using Apache.Arrow;
using Federation.Common.Types;
using Federation.Functions;
using Federation.Functions.Kernels;

namespace Federation.Physical.Expressions;

public sealed class CastPhysicalExpr(PhysicalExpr input, SqlType target) : PhysicalExpr
{
    public override SqlType Type { get; } = target;

    public override ColumnarValue Evaluate(RecordBatch batch, EvaluationContext context) =>
        CastKernel.Cast(input.Evaluate(batch, context), input.Type, Type, batch.Length, context.TimeZone);

    public override string ToString() => $"CAST({input} AS {Type})";
}
