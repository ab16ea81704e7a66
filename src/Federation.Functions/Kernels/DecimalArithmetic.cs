using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Kernels;

/// <summary>
/// Exact decimal + - * / % on unscaled Int128 values. Operands may have different scales; the result has the
/// result type's scale (rounded half away from zero) and must fit its precision.
/// </summary>
internal static class DecimalArithmetic
{
    public static IArrowArray Compute(ArithmeticOp op, ReadOnlySpan<Int128> a, SqlType ta, ReadOnlySpan<Int128> b, SqlType tb, SqlType resultType, int n, byte[]? validity)
    {
        var buffer = ArrayFactory.AllocateValues<Int128>(n);
        var output = ArrayFactory.ValuesOf<Int128>(buffer);
        if (TryFast(op, a, 1, ta, b, 1, tb, resultType, output))
        {
            return ArrayFactory.Fixed(resultType, buffer, n, validity);
        }

        var sa = ta.Scale;
        var sb = tb.Scale;
        var sr = resultType.Scale;
        var limit = DecimalMath.Limit(resultType.Precision);
        try
        {
            switch (op)
            {
                case ArithmeticOp.Add or ArithmeticOp.Subtract:
                {
                    var s = Math.Max(sa, sb);
                    var fa = DecimalMath.Pow10(s - sa);
                    var fb = DecimalMath.Pow10(s - sb);
                    var negate = op == ArithmeticOp.Subtract;
                    var drop = s - sr;
                    if (drop == 0 && fa == 1 && fb == 1)
                    {
                        // Same scales (the common case): a straight loop.
                        for (var i = 0; i < n; i++)
                        {
                            var v = negate ? a[i] - b[i] : a[i] + b[i];
                            output[i] = v;
                            if ((v >= limit || v <= -limit) && IsValid(validity, i))
                            {
                                throw Overflow(resultType);
                            }
                        }

                        break;
                    }

                    var divisor = drop > 0 ? DecimalMath.Pow10(drop) : 1;
                    for (var i = 0; i < n; i++)
                    {
                        if (!IsValid(validity, i))
                        {
                            output[i] = 0;
                            continue;
                        }

                        var x = checked(a[i] * fa);
                        var y = checked(b[i] * fb);
                        var v = negate ? checked(x - y) : checked(x + y);
                        if (drop > 0)
                        {
                            v = DecimalMath.DivideRound(v, divisor);
                        }
                        else if (drop < 0)
                        {
                            v = checked(v * DecimalMath.Pow10(-drop));
                        }

                        output[i] = CheckFits(v, limit, resultType);
                    }

                    break;
                }

                case ArithmeticOp.Multiply:
                {
                    var drop = sa + sb - sr;
                    for (var i = 0; i < n; i++)
                    {
                        if (!IsValid(validity, i))
                        {
                            output[i] = 0;
                            continue;
                        }

                        var x = a[i];
                        var y = b[i];
                        Int128 v;
                        if (drop >= 0 && x >= long.MinValue && x <= long.MaxValue && y >= long.MinValue && y <= long.MaxValue)
                        {
                            // A 64x64 product always fits 128 bits: no overflow check, only the precision check below.
                            var product = Math.BigMul((long)x, (long)y);
                            v = drop == 0 ? product : DecimalMath.DivideRound(product, DecimalMath.Pow10(drop));
                        }
                        else
                        {
                            v = drop >= 0 ? DecimalMath.Multiply(x, y, drop) : checked(DecimalMath.Multiply(x, y, 0) * DecimalMath.Pow10(-drop));
                        }

                        output[i] = CheckFits(v, limit, resultType);
                    }

                    break;
                }

                case ArithmeticOp.Divide:
                    for (var i = 0; i < n; i++)
                    {
                        if (!IsValid(validity, i))
                        {
                            output[i] = 0;
                            continue;
                        }

                        output[i] = CheckFits(DecimalMath.Divide(a[i], sa, b[i], sb, sr), limit, resultType);
                    }

                    break;

                default: // Modulo: the remainder at the larger scale, then the result scale.
                {
                    var s = Math.Max(sa, sb);
                    var fa = DecimalMath.Pow10(s - sa);
                    var fb = DecimalMath.Pow10(s - sb);
                    for (var i = 0; i < n; i++)
                    {
                        if (!IsValid(validity, i))
                        {
                            output[i] = 0;
                            continue;
                        }

                        var y = checked(b[i] * fb);
                        if (y == 0)
                        {
                            throw new FederationException(ErrorCode.DivisionByZero, "division by zero");
                        }

                        var v = checked(a[i] * fa) % y;
                        output[i] = CheckFits(DecimalMath.Rescale(v, s, sr), limit, resultType);
                    }

                    break;
                }
            }
        }
        catch (OverflowException)
        {
            throw Overflow(resultType);
        }

        return ArrayFactory.Fixed(resultType, buffer, n, validity);
    }

    /// <summary>
    /// The common cases with no possible overflow and no rounding, as plain loops: operands whose precisions
    /// leave room in 38 digits (TPC-H's money columns), so neither Int128 overflow nor the result precision can
    /// be exceeded and no check is needed per row. Values of at most 18 digits use 64-bit arithmetic. A scalar
    /// operand is read with stride 0 instead of being expanded into an array.
    /// </summary>
    public static bool TryFast(ArithmeticOp op, ReadOnlySpan<Int128> a, int strideA, SqlType ta, ReadOnlySpan<Int128> b, int strideB, SqlType tb,
        SqlType result, Span<Int128> output)
    {
        var n = output.Length;
        switch (op)
        {
            case ArithmeticOp.Add or ArithmeticOp.Subtract:
            {
                var s = Math.Max(ta.Scale, tb.Scale);
                var needed = Math.Max(ta.Precision - ta.Scale, tb.Precision - tb.Scale) + s + 1;
                if (s != result.Scale || needed > result.Precision || needed > SqlType.MaxDecimalPrecision)
                {
                    return false;
                }

                var negate = op == ArithmeticOp.Subtract ? -1L : 1L;
                if (needed <= 18)
                {
                    // Everything fits 64 bits: scale and add as longs.
                    var fa = (long)DecimalMath.Pow10(s - ta.Scale);
                    var fb = (long)DecimalMath.Pow10(s - tb.Scale) * negate;
                    for (var i = 0; i < n; i++)
                    {
                        output[i] = ((long)a[i * strideA] * fa) + ((long)b[i * strideB] * fb);
                    }

                    return true;
                }

                var wa = DecimalMath.Pow10(s - ta.Scale);
                var wb = DecimalMath.Pow10(s - tb.Scale) * negate;
                for (var i = 0; i < n; i++)
                {
                    output[i] = (a[i * strideA] * wa) + (b[i * strideB] * wb);
                }

                return true;
            }

            case ArithmeticOp.Multiply:
            {
                var needed = ta.Precision + tb.Precision;
                if (ta.Scale + tb.Scale != result.Scale || needed > result.Precision || needed > SqlType.MaxDecimalPrecision)
                {
                    return false;
                }

                if (ta.Precision <= 18 && tb.Precision <= 18)
                {
                    for (var i = 0; i < n; i++)
                    {
                        output[i] = Math.BigMul((long)a[i * strideA], (long)b[i * strideB]);
                    }
                }
                else
                {
                    for (var i = 0; i < n; i++)
                    {
                        output[i] = a[i * strideA] * b[i * strideB];
                    }
                }

                return true;
            }

            default:
                return false;
        }
    }

    private static bool IsValid(byte[]? validity, int i) => validity is null || Bitmap.Get(validity, i);

    private static Int128 CheckFits(Int128 v, Int128 limit, SqlType type) =>
        v >= limit || v <= -limit ? throw Overflow(type) : v;

    private static FederationException Overflow(SqlType type) => DecimalMath.Overflow(type.Precision, type.Scale);
}
