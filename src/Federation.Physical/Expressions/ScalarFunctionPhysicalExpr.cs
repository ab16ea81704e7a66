using Apache.Arrow;
using Federation.Common.Types;
using Federation.Functions;

namespace Federation.Physical.Expressions;

public sealed class ScalarFunctionPhysicalExpr(ScalarFunctionBinding binding, IReadOnlyList<PhysicalExpr> arguments) : PhysicalExpr
{
    public override SqlType Type => binding.ReturnType;

    public override ColumnarValue Evaluate(RecordBatch batch, EvaluationContext context)
    {
        var values = new ColumnarValue[arguments.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = arguments[i].Evaluate(batch, context);
        }

        return binding.Kernel(values, context.Kernel(batch.Length));
    }

    public override string ToString() => $"{binding.Name}({string.Join(", ", arguments)})";
}
