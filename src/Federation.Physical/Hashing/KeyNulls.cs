using Apache.Arrow;
using Federation.Common.Arrow;

namespace Federation.Physical.Hashing;

/// <summary>Which rows have a NULL in any key column: such a key equals nothing in a join.</summary>
internal static class KeyNulls
{
    /// <summary>Per row, whether some key is NULL; null when no key column has a NULL at all.</summary>
    public static bool[]? AnyNullPerRow(IReadOnlyList<IArrowArray> keys, int rows) => AnyNullPerRow(keys, rows, null);

    /// <summary>
    /// Per row, whether some key compared with = is NULL, the keys compared with IS NOT DISTINCT FROM
    /// (<paramref name="nullsEqual"/>[k]) left out: such a row equals nothing. Null when no such key has a NULL.
    /// </summary>
    public static bool[]? AnyNullPerRow(IReadOnlyList<IArrowArray> keys, int rows, IReadOnlyList<bool>? nullsEqual)
    {
        bool[]? result = null;
        for (var k = 0; k < keys.Count; k++)
        {
            var validity = Validity.Bits(keys[k]);
            if (validity.IsEmpty || (nullsEqual is not null && nullsEqual[k]))
            {
                continue;
            }

            result ??= new bool[rows];
            for (var i = 0; i < rows; i++)
            {
                if (!Bitmap.Get(validity, i))
                {
                    result[i] = true;
                }
            }
        }

        return result;
    }
}
