using Apache.Arrow;
using Federation.Common;
using Federation.Common.Types;
using Federation.Functions;
using Federation.Functions.Kernels;

namespace Federation.Physical.Expressions;

/// <summary>The value bound to $Index for this execution, cast to the parameter's type.</summary>
public sealed class ParameterPhysicalExpr(int index, SqlType type) : PhysicalExpr
{
    public override SqlType Type { get; } = type;

    public override ColumnarValue Evaluate(RecordBatch batch, EvaluationContext context)
    {
        if (index > context.Parameters.Count)
        {
            throw new FederationException(ErrorCode.InvalidArgument, $"there is no value for parameter ${index}");
        }

        var value = context.Parameters[index - 1];
        if (value.IsNull)
        {
            return ColumnarValue.FromScalar(ScalarValue.NullOf(Type));
        }

        return value.Type.SameComputation(Type) ? ColumnarValue.FromScalar(value) : CastKernel.Cast(ColumnarValue.FromScalar(value), value.Type, Type, 1, context.TimeZone);
    }

    public override string ToString() => "$" + index;
}
