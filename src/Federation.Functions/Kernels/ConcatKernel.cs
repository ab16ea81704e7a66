using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Kernels;

/// <summary>text || text (NULL if either side is NULL, unlike CONCAT()).</summary>
public static class ConcatKernel
{
    public static ColumnarValue Evaluate(ColumnarValue left, ColumnarValue right, int rowCount)
    {
        if ((left.IsScalar && left.Scalar!.IsNull) || (right.IsScalar && right.Scalar!.IsNull))
        {
            return ColumnarValue.FromScalar(ScalarValue.NullOf(SqlType.String));
        }

        if (left.IsScalar && right.IsScalar)
        {
            return ColumnarValue.FromScalar(ScalarValue.String((string)left.Scalar!.Value! + (string)right.Scalar!.Value!));
        }

        var n = rowCount;
        var l = (StringArray)left.ToArray(n);
        var r = (StringArray)right.ToArray(n);
        var validity = Validity.Combine(Validity.Bits(l), Validity.Bits(r), n);
        var lo = l.ValueOffsets;
        var ro = r.ValueOffsets;
        var ld = l.ValueBuffer.Span;
        var rd = r.ValueBuffer.Span;
        var builder = new VariableWidthBuilder(SqlType.String, n, (lo[n] - lo[0]) + (ro[n] - ro[0]));
        for (var i = 0; i < n; i++)
        {
            if (validity is not null && !Bitmap.Get(validity, i))
            {
                builder.AppendNull();
                continue;
            }

            var a = ld[lo[i]..lo[i + 1]];
            var b = rd[ro[i]..ro[i + 1]];
            var span = builder.Reserve(a.Length + b.Length);
            a.CopyTo(span);
            b.CopyTo(span[a.Length..]);
            builder.Commit(a.Length + b.Length);
        }

        return ColumnarValue.FromArray(builder.Build());
    }
}
