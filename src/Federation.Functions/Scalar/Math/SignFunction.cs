using System.Numerics;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>
/// SIGN(x): -1, 0 or 1. Integers keep their type, decimals give decimal(1, 0), real and double give double
/// (NaN gives 0, as PostgreSQL's float8 sign).
/// </summary>
public sealed class SignFunction : ScalarFunction
{
    private static readonly SqlType DecimalSign = SqlType.Decimal(1, 0);

    public override string Name => "sign";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        if (argumentTypes.Count != 1 || !Signatures.IsNumeric(argumentTypes[0]))
        {
            return null;
        }

        var type = argumentTypes[0];
        return type.Kind switch
        {
            TypeKind.Int16 => Binding([type], type, (ReadOnlySpan<ColumnarValue> a, in KernelContext c) => MapKernels.Map<short, short, Sign<short>>(a, c, type, default)),
            TypeKind.Int32 => Binding([type], type, (ReadOnlySpan<ColumnarValue> a, in KernelContext c) => MapKernels.Map<int, int, Sign<int>>(a, c, type, default)),
            TypeKind.Int64 => Binding([type], type, (ReadOnlySpan<ColumnarValue> a, in KernelContext c) => MapKernels.Map<long, long, Sign<long>>(a, c, type, default)),
            TypeKind.Decimal => Binding([type], DecimalSign, (ReadOnlySpan<ColumnarValue> a, in KernelContext c) => MapKernels.Map<Int128, Int128, Sign<Int128>>(a, c, DecimalSign, default)),
            _ => Binding([SqlType.Float64], SqlType.Float64, (ReadOnlySpan<ColumnarValue> a, in KernelContext c) => MapKernels.Map<double, double, Sign<double>>(a, c, SqlType.Float64, default)),
        };
    }

    private readonly struct Sign<T> : IUnaryOp<T, T>
        where T : unmanaged, INumber<T>
    {
        public T Apply(T value) => value > T.Zero ? T.One : value < T.Zero ? -T.One : T.Zero;
    }
}
