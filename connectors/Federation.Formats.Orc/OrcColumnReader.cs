using Apache.Arrow;
using Federation.Common.Arrow;

namespace Federation.Formats.Orc;

/// <summary>
/// Reads one flat ORC column of one stripe into Arrow arrays, a batch at a time: the PRESENT stream (absent when the
/// stripe has no nulls in the column) gives the validity bitmap, and the value streams hold only the non-null values,
/// which each subclass decodes in bulk and spreads to their rows. One virtual call per batch, none per value.
/// </summary>
internal abstract class OrcColumnReader(BooleanRleDecoder? present, string column)
{
    /// <summary>The column's name in errors.</summary>
    protected string Column { get; } = column;

    public IArrowArray Read(int rows)
    {
        byte[]? validity = null;
        var nonNull = rows;
        if (present is not null)
        {
            validity = new byte[Bitmap.BytesFor(rows)];
            nonNull = present.Read(validity, 0, rows);
            if (nonNull == rows)
            {
                validity = null;
            }
        }

        return ReadValues(rows, validity, nonNull);
    }

    /// <summary>The next <paramref name="rows"/> values, of which the <paramref name="nonNull"/> set in <paramref name="validity"/> (all when null) are in the streams.</summary>
    protected abstract IArrowArray ReadValues(int rows, byte[]? validity, int nonNull);

    /// <summary>Moves the first <paramref name="nonNull"/> (dense) values out to the rows <paramref name="validity"/> sets, last first, zeroing null rows.</summary>
    protected static void Spread<T>(Span<T> values, byte[]? validity, int rows, int nonNull)
        where T : unmanaged
    {
        if (validity is null || nonNull == rows)
        {
            return;
        }

        var source = nonNull - 1;
        for (var row = rows - 1; row >= 0 && row > source; row--)
        {
            if (Bitmap.Get(validity, row))
            {
                values[row] = values[source--];
            }
            else
            {
                values[row] = default;
            }
        }
    }
}
