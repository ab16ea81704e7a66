using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Kernels;

/// <summary>Unary minus; negating the smallest integer is an overflow error, as in PostgreSQL.</summary>
public static class NegateKernel
{
    public static ColumnarValue Evaluate(ColumnarValue input, SqlType type, int rowCount)
    {
        var zero = type.Kind switch
        {
            TypeKind.Int16 => ScalarValue.Int16(0),
            TypeKind.Int32 => ScalarValue.Int32(0),
            TypeKind.Int64 => ScalarValue.Int64(0),
            TypeKind.Float32 => ScalarValue.Float32(0),
            TypeKind.Float64 => ScalarValue.Float64(0),
            TypeKind.Decimal => new ScalarValue(type, Int128.Zero),
            TypeKind.Interval => ScalarValue.IntervalValue(new Interval(0, 0, 0)),
            _ => throw FederationException.Internal($"cannot negate {type}"),
        };

        if (type.IsFloat)
        {
            // 0 - x would turn 0 into +0 rather than -0; negate directly.
            var array = input.ToArray(input.IsScalar ? 1 : rowCount);
            var n = array.Length;
            IArrowArray result;
            if (type.Kind == TypeKind.Float64)
            {
                var values = ArrayFactory.FixedValues<double>(array);
                var buffer = ArrayFactory.AllocateValues<double>(n);
                var output = ArrayFactory.ValuesOf<double>(buffer);
                for (var i = 0; i < n; i++)
                {
                    output[i] = -values[i];
                }

                result = ArrayFactory.Fixed(type, buffer, n, Validity.CopyBits(array));
            }
            else
            {
                var values = ArrayFactory.FixedValues<float>(array);
                var buffer = ArrayFactory.AllocateValues<float>(n);
                var output = ArrayFactory.ValuesOf<float>(buffer);
                for (var i = 0; i < n; i++)
                {
                    output[i] = -values[i];
                }

                result = ArrayFactory.Fixed(type, buffer, n, Validity.CopyBits(array));
            }

            return input.IsScalar ? ColumnarValue.FromScalar(ArrayFactory.GetScalar(result, 0, type)) : ColumnarValue.FromArray(result);
        }

        var resultType = type.Kind == TypeKind.Interval ? SqlType.Interval : type;
        if (type.Kind == TypeKind.Interval)
        {
            var array = input.ToArray(input.IsScalar ? 1 : rowCount);
            var values = ArrayFactory.IntervalValues(array);
            var buffer = ArrayFactory.AllocateValues<Apache.Arrow.Scalars.MonthDayNanosecondInterval>(array.Length);
            var output = ArrayFactory.ValuesOf<Apache.Arrow.Scalars.MonthDayNanosecondInterval>(buffer);
            for (var i = 0; i < array.Length; i++)
            {
                output[i] = IntervalCodec.ToArrow(-IntervalCodec.FromArrow(values[i]));
            }

            var result = ArrayFactory.Fixed(type, buffer, array.Length, Validity.CopyBits(array));
            return input.IsScalar ? ColumnarValue.FromScalar(ArrayFactory.GetScalar(result, 0, type)) : ColumnarValue.FromArray(result);
        }

        return ArithmeticKernel.Evaluate(ArithmeticOp.Subtract, ColumnarValue.FromScalar(zero), type, input, type, resultType, rowCount);
    }
}
