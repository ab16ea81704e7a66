using System.Numerics;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>
/// MOD(a, b): the remainder of a / b with the sign of a, in the common type of the arguments (integers and
/// decimals as PostgreSQL; doubles as C's fmod, which PostgreSQL lacks but Redshift accepts). b = 0 is a
/// division by zero.
/// </summary>
public sealed class ModFunction : ScalarFunction
{
    public override string Name => "mod";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        if (argumentTypes.Count != 2 || !Signatures.IsNumeric(argumentTypes[0]) || !Signatures.IsNumeric(argumentTypes[1]))
        {
            return null;
        }

        var type = TypeCoercion.CommonType(argumentTypes[0], argumentTypes[1]);
        if (type is null)
        {
            return null;
        }

        if (type.Kind == TypeKind.Null)
        {
            type = SqlType.Int32;
        }

        ScalarKernel kernel = type.Kind switch
        {
            TypeKind.Int16 => (ReadOnlySpan<ColumnarValue> a, in KernelContext c) => MapKernels.Map2<short, short, short, IntegerMod<short>>(a, c, type, default),
            TypeKind.Int32 => (ReadOnlySpan<ColumnarValue> a, in KernelContext c) => MapKernels.Map2<int, int, int, IntegerMod<int>>(a, c, type, default),
            TypeKind.Int64 => (ReadOnlySpan<ColumnarValue> a, in KernelContext c) => MapKernels.Map2<long, long, long, IntegerMod<long>>(a, c, type, default),
            TypeKind.Decimal => (ReadOnlySpan<ColumnarValue> a, in KernelContext c) => MapKernels.Map2<Int128, Int128, Int128, IntegerMod<Int128>>(a, c, type, default),
            TypeKind.Float32 => (ReadOnlySpan<ColumnarValue> a, in KernelContext c) => MapKernels.Map2<float, float, float, FloatMod<float>>(a, c, type, default),
            _ => (ReadOnlySpan<ColumnarValue> a, in KernelContext c) => MapKernels.Map2<double, double, double, FloatMod<double>>(a, c, type, default),
        };
        return Binding([type, type], type, kernel);
    }

    /// <summary>Also serves decimals: both sides share the common scale, so the unscaled remainder is the answer.</summary>
    private readonly struct IntegerMod<T> : IBinaryOp<T, T, T>
        where T : unmanaged, IBinaryInteger<T>
    {
        public T Apply(T left, T right)
        {
            if (T.IsZero(right))
            {
                ScalarErrors.DivisionByZero();
            }

            // MinValue % -1 overflows in .NET; the remainder is 0.
            return right == -T.One ? T.Zero : left % right;
        }
    }

    private readonly struct FloatMod<T> : IBinaryOp<T, T, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Apply(T left, T right)
        {
            if (T.IsZero(right))
            {
                ScalarErrors.DivisionByZero();
            }

            return left % right;
        }
    }
}
