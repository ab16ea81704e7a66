using Apache.Arrow;
using Federation.Common.Types;

namespace Federation.Physical.Hashing;

/// <summary>One 64-bit hash per row of some key columns (hash repartitioning). Equal keys hash equally.</summary>
public static class RowHasher
{
    public static ulong[] Hash(IReadOnlyList<IArrowArray> keys, IReadOnlyList<SqlType> types, int rows)
    {
        var hashes = new ulong[rows];
        if (keys.Count == 1 && LongKeys.Supports(types[0]))
        {
            var values = LongKeys.Read(keys[0], types[0], rows);
            var validity = Common.Arrow.Validity.Bits(keys[0]);
            for (var i = 0; i < rows; i++)
            {
                // NULLs all go to one partition.
                hashes[i] = validity.IsEmpty || Common.Arrow.Bitmap.Get(validity, i) ? KeyHash.Mix((ulong)values[i]) : 0;
            }

            return hashes;
        }

        var encoded = RowEncoder.Encode(keys, types, rows);
        for (var i = 0; i < rows; i++)
        {
            hashes[i] = KeyHash.Bytes(encoded.Row(i));
        }

        return hashes;
    }
}
