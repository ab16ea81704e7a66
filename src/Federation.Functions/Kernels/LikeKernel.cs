using System.Collections.Concurrent;
using System.Text;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Kernels;

/// <summary>[NOT] LIKE / ILIKE over a string array. A constant pattern is compiled once per batch (and cached).</summary>
public static class LikeKernel
{
    private static readonly ConcurrentDictionary<(string, string?, bool), LikePattern> Cache = new();

    public static LikePattern Pattern(string pattern, string? escape, bool caseInsensitive) =>
        Cache.GetOrAdd((pattern, escape, caseInsensitive), key =>
        {
            if (Cache.Count > 10_000)
            {
                Cache.Clear();
            }

            return LikePattern.Compile(key.Item3 ? key.Item1.ToLowerInvariant() : key.Item1, key.Item2);
        });

    public static ColumnarValue Evaluate(ColumnarValue input, ColumnarValue pattern, string? escape, bool caseInsensitive, bool negated, int rowCount)
    {
        if (input.IsScalar && input.Scalar!.IsNull || pattern.IsScalar && pattern.Scalar!.IsNull)
        {
            return ColumnarValue.FromScalar(ScalarValue.NullOf(SqlType.Boolean));
        }

        var strings = (StringArray)input.ToArray(rowCount);
        var n = strings.Length;
        var bits = Bitmap.AllClear(n);
        var offsets = strings.ValueOffsets;
        var data = strings.ValueBuffer.Span;
        var validity = Validity.Bits(strings);
        if (pattern.IsScalar)
        {
            var compiled = Pattern((string)pattern.Scalar!.Value!, escape, caseInsensitive);
            for (var i = 0; i < n; i++)
            {
                var text = data[offsets[i]..offsets[i + 1]];
                var match = caseInsensitive ? compiled.Matches(Lower(text)) : compiled.Matches(text);
                if (match != negated)
                {
                    Bitmap.Set(bits, i);
                }
            }

            return ColumnarValue.FromArray(ArrayFactory.Boolean(bits, n, validity.IsEmpty ? null : validity[..Bitmap.BytesFor(n)].ToArray()));
        }

        var patterns = (StringArray)pattern.Array!;
        for (var i = 0; i < n; i++)
        {
            if (patterns.IsNull(i))
            {
                continue;
            }

            var compiled = Pattern(patterns.GetString(i), escape, caseInsensitive);
            var text = data[offsets[i]..offsets[i + 1]];
            if ((caseInsensitive ? compiled.Matches(Lower(text)) : compiled.Matches(text)) != negated)
            {
                Bitmap.Set(bits, i);
            }
        }

        return ColumnarValue.FromArray(ArrayFactory.Boolean(bits, n, Validity.Combine(validity, Validity.Bits(patterns), n)));
    }

    private static ReadOnlySpan<byte> Lower(ReadOnlySpan<byte> text)
    {
        var ascii = true;
        foreach (var b in text)
        {
            if (b >= 0x80)
            {
                ascii = false;
                break;
            }
        }

        if (ascii)
        {
            var copy = text.ToArray();
            for (var i = 0; i < copy.Length; i++)
            {
                if (copy[i] is >= (byte)'A' and <= (byte)'Z')
                {
                    copy[i] += 32;
                }
            }

            return copy;
        }

        return Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(text).ToLowerInvariant());
    }
}
