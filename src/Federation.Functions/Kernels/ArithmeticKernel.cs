using System.Numerics;
using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Kernels;

/// <summary>
/// Vectorized + - * / % over numbers, decimals, dates, timestamps and intervals with PostgreSQL's rules:
/// integer overflow and division by zero are errors, integer division truncates, decimals are exact.
/// Rows where an operand is NULL are never computed (their slots may hold anything).
/// </summary>
public static class ArithmeticKernel
{
    /// <param name="zone">The session time zone: timestamptz ± interval adds months and days on its wall clock (PostgreSQL).</param>
    public static ColumnarValue Evaluate(ArithmeticOp op, ColumnarValue left, SqlType leftType, ColumnarValue right, SqlType rightType, SqlType resultType, int rowCount,
        SessionTimeZone? zone = null)
    {
        if ((left.IsScalar && left.Scalar!.IsNull) || (right.IsScalar && right.Scalar!.IsNull))
        {
            return ColumnarValue.FromScalar(ScalarValue.NullOf(resultType));
        }

        var scalarResult = left.IsScalar && right.IsScalar;
        if (!scalarResult && resultType.Kind == TypeKind.Decimal && TryDecimalWithScalar(op, left, leftType, right, rightType, resultType, rowCount) is { } fast)
        {
            return ColumnarValue.FromArray(fast);
        }

        var n = scalarResult ? 1 : rowCount;
        var l = left.ToArray(n);
        var r = right.ToArray(n);
        var validity = Validity.Combine(Validity.Bits(l), Validity.Bits(r), n);
        var result = Compute(op, l, leftType, r, rightType, resultType, n, validity, zone ?? SessionTimeZone.Utc);
        return scalarResult ? ColumnarValue.FromScalar(ArrayFactory.GetScalar(result, 0, resultType)) : ColumnarValue.FromArray(result);
    }

    /// <summary>Decimal arithmetic with a constant operand, without expanding the constant into an array.</summary>
    private static IArrowArray? TryDecimalWithScalar(ArithmeticOp op, ColumnarValue left, SqlType leftType, ColumnarValue right, SqlType rightType, SqlType resultType, int n)
    {
        if (leftType.Kind != TypeKind.Decimal || rightType.Kind != TypeKind.Decimal || (!left.IsScalar && !right.IsScalar))
        {
            return null;
        }

        Span<Int128> constant = stackalloc Int128[1];
        var array = left.IsScalar ? right.Array! : left.Array!;
        constant[0] = (Int128)(left.IsScalar ? left.Scalar! : right.Scalar!).Value!;
        var buffer = ArrayFactory.AllocateValues<Int128>(n);
        var output = ArrayFactory.ValuesOf<Int128>(buffer);
        var values = ArrayFactory.DecimalValues(array);
        var ok = left.IsScalar
            ? DecimalArithmetic.TryFast(op, constant, 0, leftType, values, 1, rightType, resultType, output)
            : DecimalArithmetic.TryFast(op, values, 1, leftType, constant, 0, rightType, resultType, output);
        return ok ? ArrayFactory.Fixed(resultType, buffer, n, Validity.CopyBits(array)) : null;
    }

    private static IArrowArray Compute(ArithmeticOp op, IArrowArray l, SqlType lt, IArrowArray r, SqlType rt, SqlType resultType, int n, byte[]? validity, SessionTimeZone zone)
    {
        switch (resultType.Kind)
        {
            case TypeKind.Int16:
                return Integers<short>(op, ArrayFactory.FixedValues<short>(l), ArrayFactory.FixedValues<short>(r), resultType, n, validity, "smallint");
            case TypeKind.Int32 when lt.Kind == TypeKind.Date && rt.Kind == TypeKind.Date:
                return Integers<int>(ArithmeticOp.Subtract, ArrayFactory.FixedValues<int>(l), ArrayFactory.FixedValues<int>(r), resultType, n, validity, "integer");
            case TypeKind.Int32:
                return Integers<int>(op, ArrayFactory.FixedValues<int>(l), ArrayFactory.FixedValues<int>(r), resultType, n, validity, "integer");
            case TypeKind.Int64:
                return Integers<long>(op, ArrayFactory.FixedValues<long>(l), ArrayFactory.FixedValues<long>(r), resultType, n, validity, "bigint");
            case TypeKind.Float32:
                return Floats<float>(op, ArrayFactory.FixedValues<float>(l), ArrayFactory.FixedValues<float>(r), resultType, n, validity);
            case TypeKind.Float64:
                return Floats<double>(op, ArrayFactory.FixedValues<double>(l), ArrayFactory.FixedValues<double>(r), resultType, n, validity);
            case TypeKind.Decimal:
                return DecimalArithmetic.Compute(op, ArrayFactory.DecimalValues(l), lt, ArrayFactory.DecimalValues(r), rt, resultType, n, validity);
            case TypeKind.Date:
                // date ± integer days
                return Integers<int>(op, ArrayFactory.FixedValues<int>(l), ArrayFactory.FixedValues<int>(r), resultType, n, validity, "date");
            case TypeKind.Timestamp or TypeKind.TimestampTz:
                return TimestampInterval(op, ArrayFactory.FixedValues<long>(l), ArrayFactory.IntervalValues(r), resultType, n, validity,
                    resultType.Kind == TypeKind.TimestampTz && !(zone.IsFixed && zone.OffsetSecondsAt(0) == 0) ? zone : null);
            case TypeKind.Interval:
                return IntervalResult(op, l, lt, r, rt, n, validity);
            default:
                throw FederationException.Internal($"no arithmetic producing {resultType}");
        }
    }

    private static IArrowArray Integers<T>(ArithmeticOp op, ReadOnlySpan<T> a, ReadOnlySpan<T> b, SqlType resultType, int n, byte[]? validity, string typeName)
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        var buffer = ArrayFactory.AllocateValues<T>(n);
        var output = ArrayFactory.ValuesOf<T>(buffer);
        try
        {
            switch (op)
            {
                case ArithmeticOp.Add:
                    if (validity is null)
                    {
                        for (var i = 0; i < n; i++)
                        {
                            output[i] = checked(a[i] + b[i]);
                        }
                    }
                    else
                    {
                        for (var i = 0; i < n; i++)
                        {
                            output[i] = Bitmap.Get(validity, i) ? checked(a[i] + b[i]) : T.Zero;
                        }
                    }

                    break;
                case ArithmeticOp.Subtract:
                    if (validity is null)
                    {
                        for (var i = 0; i < n; i++)
                        {
                            output[i] = checked(a[i] - b[i]);
                        }
                    }
                    else
                    {
                        for (var i = 0; i < n; i++)
                        {
                            output[i] = Bitmap.Get(validity, i) ? checked(a[i] - b[i]) : T.Zero;
                        }
                    }

                    break;
                case ArithmeticOp.Multiply:
                    for (var i = 0; i < n; i++)
                    {
                        output[i] = validity is null || Bitmap.Get(validity, i) ? checked(a[i] * b[i]) : T.Zero;
                    }

                    break;
                case ArithmeticOp.Divide:
                case ArithmeticOp.Modulo:
                    for (var i = 0; i < n; i++)
                    {
                        if (validity is not null && !Bitmap.Get(validity, i))
                        {
                            output[i] = T.Zero;
                            continue;
                        }

                        var divisor = b[i];
                        if (divisor == T.Zero)
                        {
                            throw new FederationException(ErrorCode.DivisionByZero, "division by zero");
                        }

                        // MinValue / -1 overflows; MinValue % -1 is 0.
                        if (divisor == -T.One && a[i] == T.MinValue)
                        {
                            if (op == ArithmeticOp.Modulo)
                            {
                                output[i] = T.Zero;
                                continue;
                            }

                            throw new OverflowException();
                        }

                        output[i] = op == ArithmeticOp.Divide ? a[i] / divisor : a[i] % divisor;
                    }

                    break;
            }
        }
        catch (OverflowException)
        {
            throw new FederationException(ErrorCode.NumericOverflow, $"{typeName} out of range");
        }

        return ArrayFactory.Fixed(resultType, buffer, n, validity);
    }

    private static IArrowArray Floats<T>(ArithmeticOp op, ReadOnlySpan<T> a, ReadOnlySpan<T> b, SqlType resultType, int n, byte[]? validity)
        where T : unmanaged, IFloatingPoint<T>
    {
        var buffer = ArrayFactory.AllocateValues<T>(n);
        var output = ArrayFactory.ValuesOf<T>(buffer);
        switch (op)
        {
            case ArithmeticOp.Add:
                for (var i = 0; i < n; i++)
                {
                    output[i] = a[i] + b[i];
                }

                break;
            case ArithmeticOp.Subtract:
                for (var i = 0; i < n; i++)
                {
                    output[i] = a[i] - b[i];
                }

                break;
            case ArithmeticOp.Multiply:
                for (var i = 0; i < n; i++)
                {
                    output[i] = a[i] * b[i];
                }

                break;
            default:
                for (var i = 0; i < n; i++)
                {
                    var divisor = b[i];
                    if (divisor == T.Zero && (validity is null || Bitmap.Get(validity, i)))
                    {
                        throw new FederationException(ErrorCode.DivisionByZero, "division by zero");
                    }

                    output[i] = op == ArithmeticOp.Divide ? a[i] / divisor : a[i] % divisor;
                }

                break;
        }

        return ArrayFactory.Fixed(resultType, buffer, n, validity);
    }

    private static IArrowArray TimestampInterval(ArithmeticOp op, ReadOnlySpan<long> timestamps, ReadOnlySpan<Apache.Arrow.Scalars.MonthDayNanosecondInterval> intervals, SqlType resultType, int n, byte[]? validity,
        SessionTimeZone? zone)
    {
        var buffer = ArrayFactory.AllocateValues<long>(n);
        var output = ArrayFactory.ValuesOf<long>(buffer);
        try
        {
            for (var i = 0; i < n; i++)
            {
                if (validity is not null && !Bitmap.Get(validity, i))
                {
                    output[i] = 0;
                    continue;
                }

                var interval = IntervalCodec.FromArrow(intervals[i]);
                interval = op == ArithmeticOp.Subtract ? -interval : interval;
                output[i] = zone is null ? DateTimeMath.AddInterval(timestamps[i], interval) : DateTimeMath.AddInterval(timestamps[i], interval, zone);
            }
        }
        catch (OverflowException)
        {
            throw new FederationException(ErrorCode.NumericOverflow, "timestamp out of range");
        }

        return ArrayFactory.Fixed(resultType, buffer, n, validity);
    }

    private static IArrowArray IntervalResult(ArithmeticOp op, IArrowArray l, SqlType lt, IArrowArray r, SqlType rt, int n, byte[]? validity)
    {
        var buffer = ArrayFactory.AllocateValues<Apache.Arrow.Scalars.MonthDayNanosecondInterval>(n);
        var output = ArrayFactory.ValuesOf<Apache.Arrow.Scalars.MonthDayNanosecondInterval>(buffer);
        if (lt.IsTemporal)
        {
            // timestamp - timestamp: days and time, as PostgreSQL's justify-free subtraction gives.
            var a = ArrayFactory.FixedValues<long>(l);
            var b = ArrayFactory.FixedValues<long>(r);
            for (var i = 0; i < n; i++)
            {
                var diff = a[i] - b[i];
                var days = diff / DateTimeMath.MicrosPerDay;
                output[i] = IntervalCodec.ToArrow(new Interval(0, (int)days, diff - (days * DateTimeMath.MicrosPerDay)));
            }
        }
        else if (rt.Kind == TypeKind.Interval)
        {
            var a = ArrayFactory.IntervalValues(l);
            var b = ArrayFactory.IntervalValues(r);
            for (var i = 0; i < n; i++)
            {
                var x = IntervalCodec.FromArrow(a[i]);
                var y = IntervalCodec.FromArrow(b[i]);
                output[i] = IntervalCodec.ToArrow(op == ArithmeticOp.Add ? x + y : x + -y);
            }
        }
        else
        {
            // interval * / double: fractional months and days spill into smaller units.
            var a = ArrayFactory.IntervalValues(l);
            var b = ArrayFactory.FixedValues<double>(r);
            for (var i = 0; i < n; i++)
            {
                if (validity is not null && !Bitmap.Get(validity, i))
                {
                    output[i] = default;
                    continue;
                }

                var factor = b[i];
                if (op == ArithmeticOp.Divide)
                {
                    if (factor == 0)
                    {
                        throw new FederationException(ErrorCode.DivisionByZero, "division by zero");
                    }

                    factor = 1 / factor;
                }

                output[i] = IntervalCodec.ToArrow(Scale(IntervalCodec.FromArrow(a[i]), factor));
            }
        }

        return ArrayFactory.Fixed(SqlType.Interval, buffer, n, validity);
    }

    private static Interval Scale(Interval interval, double factor)
    {
        var months = interval.Months * factor;
        var wholeMonths = Math.Truncate(months);
        var days = (interval.Days * factor) + ((months - wholeMonths) * 30);
        var wholeDays = Math.Truncate(days);
        var micros = (interval.Micros * factor) + ((days - wholeDays) * DateTimeMath.MicrosPerDay);
        return new Interval((int)wholeMonths, (int)wholeDays, (long)Math.Round(micros));
    }
}
