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

    /// <summary>Only casts that widen a number (every value fits the target exactly) cannot fail.</summary>
    public override bool CannotFail => input.CannotFail && Widens(input.Type, Type);

    private static bool Widens(SqlType from, SqlType to) => (from.Kind, to.Kind) switch
    {
        (TypeKind.Int16, TypeKind.Int16 or TypeKind.Int32 or TypeKind.Int64 or TypeKind.Float64) => true,
        (TypeKind.Int32, TypeKind.Int32 or TypeKind.Int64 or TypeKind.Float64) => true,
        (TypeKind.Int64, TypeKind.Int64) => true,
        (TypeKind.Int16, TypeKind.Decimal) => to.Precision - to.Scale >= 5,
        (TypeKind.Int32, TypeKind.Decimal) => to.Precision - to.Scale >= 10,
        (TypeKind.Int64, TypeKind.Decimal) => to.Precision - to.Scale >= 19,
        (TypeKind.Decimal, TypeKind.Decimal) => to.Scale >= from.Scale && to.Precision - to.Scale >= from.Precision - from.Scale,
        (TypeKind.Float32, TypeKind.Float64) => true,
        _ => false,
    };

    public override string ToString() => $"CAST({input} AS {Type})";
}
