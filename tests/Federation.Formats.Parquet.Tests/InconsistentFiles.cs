using ParquetSharp;
using ParquetSharp.Schema;

namespace Federation.Formats.Parquet.Tests;

/// <summary>
/// Parquet files whose row group's columns do not hold the rows it declares, as a broken writer leaves them. ParquetSharp
/// refuses to write such a file, so a sound one is written (one row group of 5 rows, required INT32 columns a = 1..5
/// and b = 10..50, plain, uncompressed, no statistics or checksums) and then patched where the Thrift compact encoding
/// keeps the counts: the value count 5 is the single byte 0x0A (zigzag varint), and 0x04 makes it 2.
/// </summary>
internal static class InconsistentFiles
{
    /// <summary>
    /// Column b's data page says it holds 2 values; with <paramref name="footerToo"/> the footer's column metadata
    /// says so as well (the footer then contradicts itself: 5 rows, 2 values), else the footer still says 5.
    /// </summary>
    public static void Write(string path, bool footerToo)
    {
        var schema = new GroupNode("schema", Repetition.Required,
        [
            new PrimitiveNode("a", Repetition.Required, LogicalType.None(), PhysicalType.Int32),
            new PrimitiveNode("b", Repetition.Required, LogicalType.None(), PhysicalType.Int32),
        ]);
        using (var properties = new WriterPropertiesBuilder().Compression(Compression.Uncompressed).DisableDictionary().DisableStatistics().Build())
        using (var writer = new ParquetFileWriter(path, schema, properties))
        {
            using var rowGroup = writer.AppendRowGroup();
            using (var a = (ColumnWriter<int>)rowGroup.NextColumn())
            {
                a.WriteBatch([1, 2, 3, 4, 5]);
            }

            using (var b = (ColumnWriter<int>)rowGroup.NextColumn())
            {
                b.WriteBatch([10, 20, 30, 40, 50]);
            }

            writer.Close();
        }

        var bytes = File.ReadAllBytes(path);

        // DataPageHeader: num_values 5, encoding PLAIN, definition and repetition level encodings RLE. Column a's page
        // header comes first, column b's second.
        byte[] pageHeader = [0x15, 0x0A, 0x15, 0x00, 0x15, 0x06, 0x15, 0x06];
        var first = bytes.AsSpan().IndexOf(pageHeader);
        var second = first + 1 + bytes.AsSpan(first + 1).IndexOf(pageHeader);
        if (first < 0 || second <= first)
        {
            throw new InvalidOperationException("the data page headers were not where they were expected");
        }

        bytes[second + 1] = 0x04;

        if (footerToo)
        {
            // ColumnMetaData of b: path_in_schema ["b"], codec UNCOMPRESSED, num_values 5.
            byte[] metadata = [0x01, (byte)'b', 0x15, 0x00, 0x16, 0x0A];
            var at = bytes.AsSpan().LastIndexOf(metadata);
            if (at < 0)
            {
                throw new InvalidOperationException("the column metadata of b was not where it was expected");
            }

            bytes[at + 5] = 0x04;
        }

        File.WriteAllBytes(path, bytes);
    }
}
