using System.Buffers.Binary;
using Federation.Common;
using Federation.Common.Types;
using Federation.Logical.Tables;
using Federation.Storage;
using ParquetSharp.Arrow;

namespace Federation.Formats.Parquet;

/// <summary>
/// What a Parquet footer says: the columns Federation can read, the row groups and their row counts. A file in an
/// object store carries its <see cref="Object"/>; a local file is read natively from <see cref="Path"/>.
/// </summary>
public sealed record ParquetFileInfo(string Path, long Length, IReadOnlyList<ParquetColumn> Columns, IReadOnlyList<long> RowGroupRows, IReadOnlyList<ColumnStatistics?> ColumnStatistics)
{
    public long Rows => RowGroupRows.Sum();

    /// <summary>Each row group's bytes in the file (its column chunks, compressed): how a large object is split between fragments.</summary>
    public IReadOnlyList<long> RowGroupBytes { get; init; } = [];

    /// <summary>
    /// Top-level columns left out of <see cref="Columns"/> because Federation cannot read them yet (nested lists, maps,
    /// structs), with their Arrow type as text: a table that declares one of them must fail, not read NULLs.
    /// </summary>
    public IReadOnlyList<(string Name, string Type)> UnreadableColumns { get; init; } = [];

    /// <summary>Where the bytes are when they are not a local file.</summary>
    public ParquetObject? Object { get; init; }

    /// <summary>
    /// The bytes fetched to read the footer (the whole object when small, else its tail), kept only when the scan that
    /// reads the file next is in the same query (<see cref="ReadAsync(ParquetObject, bool, CancellationToken)"/>).
    /// </summary>
    public FetchedRange? Opening { get; init; }

    /// <summary>
    /// <see cref="Opening"/> holds the footer an earlier query read (from <see cref="ParquetFooterCache"/>): no request
    /// of this query fetched it, and the reader must be told to read exactly that much of the tail.
    /// </summary>
    public bool OpeningCached { get; init; }

    /// <summary>
    /// The footer as it is in the object (metadata, its length and the magic), what a reader needs to open the object
    /// with no request; what <see cref="ParquetFooterCache"/> keeps beside the parsed fields.
    /// </summary>
    public FetchedRange? Footer { get; init; }

    /// <summary>Reads the footer of an object: one GET of the whole object when small, else of its tail.</summary>
    public static Task<ParquetFileInfo> ReadAsync(ParquetObject file, CancellationToken cancellationToken) => ReadAsync(file, false, cancellationToken);

    /// <summary>Reads the footer of an object, keeping the fetched bytes in <see cref="Opening"/> when <paramref name="keepOpening"/>.</summary>
    public static async Task<ParquetFileInfo> ReadAsync(ParquetObject file, bool keepOpening, CancellationToken cancellationToken)
    {
        var name = file.Name;
        ObjectInputStream? input = null;
        try
        {
            input = await ObjectInputStream.OpenAsync(file.Store, file.Meta, file.Options, cancellationToken).ConfigureAwait(false);
            using var reader = new FileReader(input, null, null, leaveOpen: true);
            var info = FromReader(name, file.Meta.Size, reader);
            return info with { Object = file, Opening = keepOpening ? input.OpeningRange : null, Footer = CopyFooter(input) };
        }
        catch (Exception e) when (e is ParquetSharp.ParquetException or IOException or InvalidOperationException or ArgumentException)
        {
            throw ParquetErrors.Read(name, e, input);
        }
        finally
        {
            if (input is not null)
            {
                await input.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The footer's bytes, copied from a stream whose reader has just parsed them (so they are fetched already and
    /// this makes no request): the last 8 bytes give the metadata's length, followed by "PAR1".
    /// </summary>
    private static FetchedRange CopyFooter(ObjectInputStream input)
    {
        Span<byte> tail = stackalloc byte[8];
        input.Seek(-tail.Length, SeekOrigin.End);
        input.ReadExactly(tail);
        var length = BinaryPrimitives.ReadInt32LittleEndian(tail) + tail.Length;
        var footer = new byte[length];
        input.Seek(-length, SeekOrigin.End);
        input.ReadExactly(footer);
        return new FetchedRange(input.Length - length, footer);
    }

    /// <summary>The metadata a cached footer takes in memory, roughly: its bytes and the parsed columns, row groups and statistics.</summary>
    public long ApproximateBytes => (Footer?.Bytes.Length ?? 0) + Path.Length * 2L + Columns.Count * 160L + RowGroupRows.Count * 8L + 256;

    public static ParquetFileInfo Read(string path)
    {
        try
        {
            using var reader = new FileReader(path);
            return FromReader(path, new FileInfo(path).Length, reader);
        }
        catch (Exception e) when (e is ParquetSharp.ParquetException or IOException or InvalidOperationException or ArgumentException)
        {
            throw ParquetErrors.Read(path, e);
        }
    }

    /// <summary>Statistics over two containers: the wider range, summed counts; unknown when either is unknown.</summary>
    public static ColumnStatistics? Merge(ColumnStatistics? a, ColumnStatistics? b)
    {
        if (a is null || b is null)
        {
            return null;
        }

        ScalarValue? Pick(ScalarValue? x, ScalarValue? y, int sign) =>
            x is null || y is null ? null : x.IsNull ? y : y.IsNull ? x : (x.CompareTo(y) is { } c ? (c * sign >= 0 ? x : y) : null);

        return new ColumnStatistics(Pick(a.Min, b.Min, -1), Pick(a.Max, b.Max, 1),
            a.NullCount is { } an && b.NullCount is { } bn ? an + bn : null, a.RowCount + b.RowCount);
    }

    internal static ParquetFileInfo FromReader(string path, long length, FileReader reader)
    {
        var columns = new List<ParquetColumn>();
        var unreadable = new List<(string Name, string Type)>();
        var fields = reader.SchemaManifest.SchemaFields;
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            // Nested columns (lists, maps, structs) are not readable as SQL values yet: leave them out.
            if (field.Children.Count > 0 || ArrowTypes.FromArrow(field.Field.DataType) is not { } type)
            {
                unreadable.Add((field.Field.Name, field.Field.DataType.Name));
                continue;
            }

            columns.Add(new ParquetColumn(field.Field.Name, i, field.ColumnIndex, type.Kind == TypeKind.Null ? SqlType.String : type));
        }

        // Each ParquetFileReader handed out holds a reference to the reader: disposed here, not by the finalizer.
        using var parquet = reader.ParquetReader;
        using var metadata = parquet.FileMetaData;
        var schema = metadata.Schema;
        for (var c = 0; c < columns.Count; c++)
        {
            if (columns[c].LeafIndex >= 0 && schema.Column(columns[c].LeafIndex).PhysicalType == ParquetSharp.PhysicalType.Int96)
            {
                columns[c] = columns[c] with { Int96 = true };
            }
        }

        if (metadata.NumRowGroups > 0)
        {
            using var first = parquet.RowGroup(0);
            var firstMetadata = first.MetaData;
            for (var c = 0; c < columns.Count; c++)
            {
                if (columns[c].Type.Kind is TypeKind.String or TypeKind.Binary && columns[c].LeafIndex >= 0)
                {
                    using var chunk = firstMetadata.GetColumnChunkMetaData(columns[c].LeafIndex);
                    var dictionary = chunk.Encodings.Any(e => e is ParquetSharp.Encoding.RleDictionary or ParquetSharp.Encoding.PlainDictionary);
                    columns[c] = columns[c] with { DictionaryEncoded = dictionary };
                }
            }
        }

        // Which leaves repeat, asked once (each is a native call) for checking every row group's value counts.
        var repeated = new bool[metadata.NumColumns];
        for (var leaf = 0; leaf < repeated.Length; leaf++)
        {
            repeated[leaf] = schema.Column(leaf).MaxRepetitionLevel > 0;
        }

        var rowGroups = new long[metadata.NumRowGroups];
        var rowGroupBytes = new long[rowGroups.Length];
        var statistics = new ColumnStatistics?[columns.Count];
        for (var g = 0; g < rowGroups.Length; g++)
        {
            using var rowGroup = parquet.RowGroup(g);
            var rowGroupMetadata = rowGroup.MetaData;
            rowGroups[g] = rowGroupMetadata.NumRows;
            for (var leaf = 0; leaf < rowGroupMetadata.NumColumns; leaf++)
            {
                using var chunk = rowGroupMetadata.GetColumnChunkMetaData(leaf);
                rowGroupBytes[g] += chunk.TotalCompressedSize;
                CheckValueCount(path, g, rowGroups[g], schema, leaf, repeated[leaf], chunk.NumValues);
            }

            for (var c = 0; c < columns.Count; c++)
            {
                var column = columns[c];
                var stats = column.LeafIndex >= 0 ? ParquetStatistics.Read(rowGroupMetadata, schema.Column(column.LeafIndex), column.LeafIndex, column.Type) : null;
                statistics[c] = g == 0 ? stats : Merge(statistics[c], stats);
            }
        }

        return new ParquetFileInfo(path, length, columns, rowGroups, statistics) { RowGroupBytes = rowGroupBytes, UnreadableColumns = unreadable };
    }

    /// <summary>
    /// A column chunk must hold a value (or NULL) for every row of its row group: exactly one per row in a column that
    /// does not repeat, at least one (an empty or NULL list still has one) in one that does. A footer that says
    /// otherwise is corrupt, and reading it would answer with rows missing or misaligned, so it fails here, before any
    /// query (count(*) included) trusts its row counts.
    /// </summary>
    private static void CheckValueCount(string path, int rowGroup, long rows, ParquetSharp.SchemaDescriptor schema, int leaf, bool repeated, long values)
    {
        if (rows < 0 || (repeated ? values < rows : values != rows))
        {
            using var columnPath = schema.Column(leaf).Path;
            throw new FederationException(ErrorCode.CorruptObject,
                $"cannot read Parquet file {path}: row group {rowGroup} has {rows} rows, but its column \"{columnPath.ToDotString()}\" holds {values} values");
        }
    }
}
