using System.Numerics;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>ABS(x): the absolute value in the argument's own type; ABS of the smallest integer overflows.</summary>
public sealed class AbsFunction : ScalarFunction
{
    public override string Name => "abs";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        if (argumentTypes.Count != 1 || !Signatures.IsNumeric(argumentTypes[0]))
        {
            return null;
        }

        var type = argumentTypes[0].Kind == TypeKind.Null ? SqlType.Float64 : argumentTypes[0];
        ScalarKernel kernel = type.Kind switch
        {
            TypeKind.Int16 => (ReadOnlySpan<ColumnarValue> a, in KernelContext c) => MapKernels.Map<short, short, IntegerAbs<short>>(a, c, type, new(type)),
            TypeKind.Int32 => (ReadOnlySpan<ColumnarValue> a, in KernelContext c) => MapKernels.Map<int, int, IntegerAbs<int>>(a, c, type, new(type)),
            TypeKind.Int64 => (ReadOnlySpan<ColumnarValue> a, in KernelContext c) => MapKernels.Map<long, long, IntegerAbs<long>>(a, c, type, new(type)),
            TypeKind.Decimal => (ReadOnlySpan<ColumnarValue> a, in KernelContext c) => MapKernels.Map<Int128, Int128, IntegerAbs<Int128>>(a, c, type, new(type)),
            TypeKind.Float32 => (ReadOnlySpan<ColumnarValue> a, in KernelContext c) => MapKernels.Map<float, float, FloatAbs<float>>(a, c, type, default),
            _ => (ReadOnlySpan<ColumnarValue> a, in KernelContext c) => MapKernels.Map<double, double, FloatAbs<double>>(a, c, type, default),
        };
        return Binding([type], type, kernel);
    }

    private readonly struct IntegerAbs<T>(SqlType type) : IUnaryOp<T, T>
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        public T Apply(T value)
        {
            if (value == T.MinValue)
            {
                ScalarErrors.OutOfRange(type);
            }

            return T.Abs(value);
        }
    }

    private readonly struct FloatAbs<T> : IUnaryOp<T, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T value) => T.Abs(value);
    }
}
