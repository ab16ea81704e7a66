using Apache.Arrow;
using Federation.Common.Arrow;

namespace Federation.Physical.Hashing;

/// <summary>Which rows have a NULL in any key column: such a key equals nothing in a join.</summary>
internal static class KeyNulls
{
    /// <summary>Per row, whether some key is NULL; null when no key column has a NULL at all.</summary>
    public static bool[]? AnyNullPerRow(IReadOnlyList<IArrowArray> keys, int rows)
    {
        bool[]? result = null;
        foreach (var key in keys)
        {
            var validity = Validity.Bits(key);
            if (validity.IsEmpty)
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
