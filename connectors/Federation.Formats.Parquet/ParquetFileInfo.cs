using Federation.Common;
using Federation.Common.Types;
using ParquetSharp.Arrow;

namespace Federation.Formats.Parquet;

/// <summary>What a Parquet footer says: the columns Federation can read, the row groups and their row counts.</summary>
public sealed record ParquetFileInfo(string Path, long Length, IReadOnlyList<ParquetColumn> Columns, IReadOnlyList<long> RowGroupRows)
{
    public long Rows => RowGroupRows.Sum();

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

    internal static ParquetFileInfo FromReader(string path, long length, FileReader reader)
    {
        var columns = new List<ParquetColumn>();
        var fields = reader.SchemaManifest.SchemaFields;
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            // Nested columns (lists, maps, structs) are not readable as SQL values yet: leave them out.
            if (field.Children.Count > 0 || ArrowTypes.FromArrow(field.Field.DataType) is not { } type)
            {
                continue;
            }

            columns.Add(new ParquetColumn(field.Field.Name, i, field.ColumnIndex, type.Kind == TypeKind.Null ? SqlType.String : type));
        }

        var metadata = reader.ParquetReader.FileMetaData;
        var rowGroups = new long[metadata.NumRowGroups];
        for (var g = 0; g < rowGroups.Length; g++)
        {
            using var rowGroup = reader.ParquetReader.RowGroup(g);
            rowGroups[g] = rowGroup.MetaData.NumRows;
        }

        return new ParquetFileInfo(path, length, columns, rowGroups);
    }
}
