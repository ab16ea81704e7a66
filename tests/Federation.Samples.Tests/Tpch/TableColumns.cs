using System.Collections;
using Apache.Arrow;
using Apache.Arrow.Types;
using Federation.Samples.Tpch;
using ParquetSharp.Arrow;

namespace Federation.Samples.Tests.Tpch;

/// <summary>
/// The values of a table (or of one file) read back through ParquetSharp's Arrow reader, column by
/// column as plain CLR arrays: decimals as <see cref="decimal"/>, dates as <see cref="DateOnly"/>.
/// </summary>
internal sealed class TableColumns
{
    private readonly Dictionary<string, IList> _columns = new(StringComparer.Ordinal);

    private TableColumns(Schema schema)
    {
        Schema = schema;
    }

    public Schema Schema { get; }

    public int RowCount { get; private set; }

    public static async Task<TableColumns> ReadTableAsync(string datasetRoot, TpchTable table)
    {
        var files = DataFiles(datasetRoot, table);
        Assert.NotEmpty(files);
        TableColumns? result = null;
        foreach (string file in files)
        {
            result = await ReadFileAsync(file, result);
        }
        return result!;
    }

    public static async Task<TableColumns> ReadFileAsync(string path, TableColumns? appendTo = null)
    {
        using var reader = new FileReader(path);
        var columns = appendTo ?? new TableColumns(reader.Schema);
        using var batches = reader.GetRecordBatchReader();
        while (await batches.ReadNextRecordBatchAsync() is { } batch)
        {
            using (batch)
            {
                columns.Append(batch);
            }
        }
        return columns;
    }

    /// <summary>The table's Parquet files, in path order.</summary>
    public static string[] DataFiles(string datasetRoot, TpchTable table) =>
        [.. Directory.GetFiles(Path.Combine(datasetRoot, TpchSchemas.TableName(table)), "*.parquet", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)];

    public int[] Int32(string name) => [.. (List<int>)_columns[name]];

    public long[] Int64(string name) => [.. (List<long>)_columns[name]];

    public decimal[] Decimal(string name) => [.. (List<decimal>)_columns[name]];

    public DateOnly[] Date(string name) => [.. (List<DateOnly>)_columns[name]];

    public string[] String(string name) => [.. (List<string>)_columns[name]];

    private void Append(RecordBatch batch)
    {
        for (int index = 0; index < batch.ColumnCount; index++)
        {
            var field = batch.Schema.FieldsList[index];
            var array = batch.Column(index);
            Assert.Equal(0, array.NullCount);
            if (!_columns.TryGetValue(field.Name, out var values))
            {
                values = NewList(field.DataType);
                _columns[field.Name] = values;
            }
            for (int row = 0; row < array.Length; row++)
            {
                values.Add(array switch
                {
                    Int32Array ints => ints.GetValue(row)!.Value,
                    Int64Array longs => longs.GetValue(row)!.Value,
                    Decimal128Array decimals => decimals.GetValue(row)!.Value,
                    Date32Array dates => dates.GetDateOnly(row)!.Value,
                    StringArray strings => strings.GetString(row),
                    _ => throw new NotSupportedException($"column {field.Name} has type {field.DataType}"),
                });
            }
        }
        RowCount += batch.Length;
    }

    private static IList NewList(IArrowType type) => type.TypeId switch
    {
        ArrowTypeId.Int32 => new List<int>(),
        ArrowTypeId.Int64 => new List<long>(),
        ArrowTypeId.Decimal128 => new List<decimal>(),
        ArrowTypeId.Date32 => new List<DateOnly>(),
        ArrowTypeId.String => new List<string>(),
        _ => throw new NotSupportedException(type.ToString()),
    };
}
