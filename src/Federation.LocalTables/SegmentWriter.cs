using System.IO.Hashing;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Logical.Tables;

namespace Federation.LocalTables;

/// <summary>
/// Turns the rows of one statement into row groups of about <see cref="TargetBlockBytes"/> of values in their
/// widest column, encodes every block (in parallel), and writes them to one new segment file, fsynced before the
/// caller commits a manifest that names it.
/// </summary>
internal static class SegmentWriter
{
    public const int TargetBlockBytes = 1 << 20;

    private const int MinRowsPerGroup = 1024;

    private const int MaxRowsPerGroup = 1 << 20;

    public static IReadOnlyList<RowGroup> Write(string folder, string file, IReadOnlyList<TableColumn> columns, IReadOnlyList<ColumnEncoding> encodings,
        IReadOnlyList<RecordBatch> batches, int? rowsPerGroup = null)
    {
        var total = 0L;
        foreach (var batch in batches)
        {
            total += batch.Length;
        }

        if (total == 0)
        {
            return [];
        }

        var arrays = new IArrowArray[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            var parts = new List<IArrowArray>(batches.Count);
            foreach (var batch in batches)
            {
                if (batch.Length > 0)
                {
                    parts.Add(ArrowNormalizer.Normalize(batch.Column(c)));
                }
            }

            arrays[c] = ArrayConcat.Concat(parts);
        }

        var rows = (int)total;
        var perGroup = rowsPerGroup ?? RowsPerGroup(columns, arrays, rows);
        var groups = (rows + perGroup - 1) / perGroup;
        var blocks = new ColumnBlock[groups * columns.Count];
        Parallel.For(0, blocks.Length, i =>
        {
            var g = i / columns.Count;
            var c = i % columns.Count;
            var start = g * perGroup;
            var length = Math.Min(perGroup, rows - start);
            var slice = start == 0 && length == rows ? arrays[c] : ArrowArrayFactory.Slice(arrays[c], start, length);
            blocks[i] = ColumnBlockCodec.Encode(slice, columns[c].Type, encodings[c].Layout, encodings[c].Compress);
        });

        var result = new List<RowGroup>(groups);
        var path = Path.Combine(folder, file);
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            var offset = 0L;
            for (var g = 0; g < groups; g++)
            {
                var chunks = new ColumnChunk[columns.Count];
                for (var c = 0; c < columns.Count; c++)
                {
                    var block = blocks[g * columns.Count + c];
                    stream.Write(block.Bytes);
                    chunks[c] = new ColumnChunk(offset, block.Bytes.Length, XxHash64.HashToUInt64(block.Bytes), block.Encoding, block.NullCount, block.Min, block.Max);
                    offset += block.Bytes.Length;
                }

                result.Add(new RowGroup(file, Math.Min(perGroup, rows - g * perGroup), chunks));
            }

            stream.Flush(flushToDisk: true);
        }

        return result;
    }

    /// <summary>Rows whose widest column holds about a megabyte of values.</summary>
    private static int RowsPerGroup(IReadOnlyList<TableColumn> columns, IArrowArray[] arrays, int rows)
    {
        var widest = 1.0;
        for (var c = 0; c < columns.Count; c++)
        {
            var width = columns[c].Type.Kind switch
            {
                TypeKind.Boolean or TypeKind.Null => 1.0,
                TypeKind.String or TypeKind.Binary => 4.0 + VariableBytes((BinaryArray)arrays[c]) / (double)rows,
                _ => ArrayFactory.ByteWidth(columns[c].Type),
            };
            widest = Math.Max(widest, width);
        }

        return (int)Math.Clamp(TargetBlockBytes / widest, MinRowsPerGroup, MaxRowsPerGroup);
    }

    private static long VariableBytes(BinaryArray array)
    {
        var offsets = array.ValueOffsets;
        return offsets[array.Length] - offsets[0];
    }
}
