using Apache.Arrow;

namespace Federation.Common.Arrow;

/// <summary>The positions a dictionary array's rows point at in its dictionary, whatever the index type.</summary>
public static class DictionaryIndices
{
    /// <summary>One position per row; -1 where the index is NULL.</summary>
    public static int[] Positions(DictionaryArray dictionary)
    {
        var indices = dictionary.Indices;
        var n = indices.Length;
        var positions = new int[n];
        switch (indices)
        {
            case Int32Array a:
                a.Values.CopyTo(positions);
                break;
            case Int8Array a:
                Widen(a.Values, positions);
                break;
            case UInt8Array a:
                Widen(a.Values, positions);
                break;
            case Int16Array a:
                Widen(a.Values, positions);
                break;
            case UInt16Array a:
                Widen(a.Values, positions);
                break;
            case Int64Array a:
                Widen(a.Values, positions);
                break;
            default:
                throw FederationException.Internal($"dictionary index type {indices.Data.DataType.Name}");
        }

        var validity = Validity.Bits(indices);
        if (!validity.IsEmpty)
        {
            for (var i = 0; i < n; i++)
            {
                if (!Bitmap.Get(validity, i))
                {
                    positions[i] = -1;
                }
            }
        }

        return positions;
    }

    private static void Widen<T>(ReadOnlySpan<T> source, int[] target)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = int.CreateTruncating(source[i]);
        }
    }
}
