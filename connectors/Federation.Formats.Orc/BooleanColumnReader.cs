using Apache.Arrow;
using Federation.Common.Arrow;

namespace Federation.Formats.Orc;

/// <summary>A boolean column: its DATA stream is boolean RLE of the non-null values.</summary>
internal sealed class BooleanColumnReader(BooleanRleDecoder? present, BooleanRleDecoder data, string column) : OrcColumnReader(present, column)
{
    protected override IArrowArray ReadValues(int rows, byte[]? validity, int nonNull)
    {
        var values = new byte[Bitmap.BytesFor(rows)];
        if (validity is null)
        {
            data.Read(values, 0, rows);
            return ArrayFactory.Boolean(values, rows, null);
        }

        var dense = new byte[Bitmap.BytesFor(nonNull)];
        data.Read(dense, 0, nonNull);
        var source = 0;
        for (var row = 0; row < rows; row++)
        {
            if (Bitmap.Get(validity, row) && Bitmap.Get(dense, source++))
            {
                Bitmap.Set(values, row);
            }
        }

        return ArrayFactory.Boolean(values, rows, validity);
    }
}
