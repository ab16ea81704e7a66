using Apache.Arrow;
using Federation.Common.Types;
using Federation.Functions;
using Federation.Functions.Kernels;

namespace Federation.Physical.Expressions;

public sealed class ArithmeticPhysicalExpr(ArithmeticOp op, PhysicalExpr left, PhysicalExpr right, SqlType type) : PhysicalExpr
{
    public override SqlType Type { get; } = type;

    public override ColumnarValue Evaluate(RecordBatch batch, EvaluationContext context) =>
        ArithmeticKernel.Evaluate(op, left.Evaluate(batch, context), left.Type, right.Evaluate(batch, context), right.Type, Type, batch.Length, context.TimeZone);

    public override string ToString() => $"{left} {Symbol} {right}";

    private string Symbol => op switch
    {
        ArithmeticOp.Add => "+",
        ArithmeticOp.Subtract => "-",
        ArithmeticOp.Multiply => "*",
        ArithmeticOp.Divide => "/",
        _ => "%",
    };
}
