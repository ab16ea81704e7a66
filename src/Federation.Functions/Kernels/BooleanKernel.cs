using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Kernels;

/// <summary>AND, OR and NOT with SQL's three-valued logic, a word of bits at a time.</summary>
public static class BooleanKernel
{
    public static ColumnarValue And(ColumnarValue left, ColumnarValue right, int rowCount) => Combine(left, right, rowCount, isAnd: true);

    public static ColumnarValue Or(ColumnarValue left, ColumnarValue right, int rowCount) => Combine(left, right, rowCount, isAnd: false);

    private static ColumnarValue Combine(ColumnarValue left, ColumnarValue right, int rowCount, bool isAnd)
    {
        if (left.IsScalar && right.IsScalar)
        {
            return ColumnarValue.FromScalar(Scalar(left.Scalar!, right.Scalar!, isAnd));
        }

        // A constant that decides the result (FALSE for AND, TRUE for OR) or is neutral short-circuits.
        if (left.IsScalar)
        {
            (left, right) = (right, left);
        }

        if (right.IsScalar)
        {
            var s = right.Scalar!;
            if (!s.IsNull)
            {
                var b = (bool)s.Value!;
                if (b == !isAnd)
                {
                    return ColumnarValue.FromScalar(ScalarValue.Boolean(b));
                }

                return left;
            }
        }

        var n = rowCount;
        var bytes = Bitmap.BytesFor(n);
        var (av, aValid) = Parts(left, n);
        var (bv, bValid) = Parts(right, n);
        var values = new byte[bytes];
        var validity = new byte[bytes];
        for (var i = 0; i < bytes; i++)
        {
            var a = av[i];
            var b = bv[i];
            var va = aValid[i];
            var vb = bValid[i];
            if (isAnd)
            {
                values[i] = (byte)(a & b);
                // Valid when both are valid, or either is a valid FALSE.
                validity[i] = (byte)((va & vb) | (va & ~a) | (vb & ~b));
            }
            else
            {
                values[i] = (byte)(a | b);
                // Valid when both are valid, or either is a valid TRUE.
                validity[i] = (byte)((va & vb) | (va & a) | (vb & b));
            }
        }

        return ColumnarValue.FromArray(ArrayFactory.Boolean(values, n, AllValid(validity, n) ? null : validity));
    }

    private static bool AllValid(byte[] validity, int n) => Bitmap.CountSet(validity, n) == n;

    /// <summary>Value bits (masked to 0 where null) and validity bits, both aligned to bit 0.</summary>
    private static (byte[] Values, byte[] Validity) Parts(ColumnarValue value, int n)
    {
        var bytes = Bitmap.BytesFor(n);
        if (value.IsScalar)
        {
            var s = value.Scalar!;
            var v = !s.IsNull && (bool)s.Value!;
            var values = new byte[bytes];
            if (v)
            {
                values.AsSpan().Fill(0xFF);
            }

            var valid = new byte[bytes];
            if (!s.IsNull)
            {
                valid.AsSpan().Fill(0xFF);
            }

            return (values, valid);
        }

        var array = (BooleanArray)value.Array!;
        var bits = array.Offset == 0 ? array.ValueBuffer.Span[..bytes].ToArray() : Bitmap.Copy(array.ValueBuffer.Span, array.Offset, n);
        var validity = Validity.Bits(array);
        byte[] validBytes;
        if (validity.IsEmpty)
        {
            validBytes = new byte[bytes];
            validBytes.AsSpan().Fill(0xFF);
        }
        else
        {
            validBytes = validity[..bytes].ToArray();
            Bitmap.And(bits, validBytes, bits);
        }

        return (bits, validBytes);
    }

    private static ScalarValue Scalar(ScalarValue a, ScalarValue b, bool isAnd)
    {
        bool? x = a.IsNull ? null : (bool)a.Value!;
        bool? y = b.IsNull ? null : (bool)b.Value!;
        bool? r = isAnd
            ? (x == false || y == false ? false : x is null || y is null ? null : true)
            : (x == true || y == true ? true : x is null || y is null ? null : false);
        return r is null ? ScalarValue.NullOf(SqlType.Boolean) : ScalarValue.Boolean(r.Value);
    }

    public static ColumnarValue Not(ColumnarValue input, int rowCount)
    {
        if (input.IsScalar)
        {
            var s = input.Scalar!;
            return ColumnarValue.FromScalar(s.IsNull ? s : ScalarValue.Boolean(!(bool)s.Value!));
        }

        var array = (BooleanArray)input.Array!;
        var n = array.Length;
        var bits = Bitmap.Copy(array.ValueBuffer.Span, array.Offset, n);
        Bitmap.Not(bits, bits);
        return ColumnarValue.FromArray(ArrayFactory.Boolean(bits, n, Validity.CopyBits(array)));
    }

    /// <summary>IS NULL / IS NOT NULL: never null itself.</summary>
    public static ColumnarValue IsNull(ColumnarValue input, bool negated, int rowCount)
    {
        if (input.IsScalar)
        {
            return ColumnarValue.FromScalar(ScalarValue.Boolean(input.Scalar!.IsNull != negated));
        }

        var array = input.Array!;
        var validity = Validity.Bits(array);
        byte[] bits;
        if (validity.IsEmpty)
        {
            bits = negated ? Bitmap.AllSet(rowCount) : Bitmap.AllClear(rowCount);
        }
        else
        {
            bits = validity[..Bitmap.BytesFor(rowCount)].ToArray();
            if (!negated)
            {
                Bitmap.Not(bits, bits);
            }
        }

        return ColumnarValue.FromArray(ArrayFactory.Boolean(bits, rowCount, null));
    }
}
