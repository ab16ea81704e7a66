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
    public static IArrowArray Compute(ArithmeticOp op, ReadOnlySpan<Int128> a, int sa, ReadOnlySpan<Int128> b, int sb, SqlType resultType, int n, byte[]? validity)
    {
        var buffer = ArrayFactory.AllocateValues<Int128>(n);
        var output = ArrayFactory.ValuesOf<Int128>(buffer);
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

                        var v = drop >= 0 ? DecimalMath.Multiply(a[i], b[i], drop) : checked(DecimalMath.Multiply(a[i], b[i], 0) * DecimalMath.Pow10(-drop));
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

    private static bool IsValid(byte[]? validity, int i) => validity is null || Bitmap.Get(validity, i);

    private static Int128 CheckFits(Int128 v, Int128 limit, SqlType type) =>
        v >= limit || v <= -limit ? throw Overflow(type) : v;

    private static FederationException Overflow(SqlType type) => DecimalMath.Overflow(type.Precision, type.Scale);
}
