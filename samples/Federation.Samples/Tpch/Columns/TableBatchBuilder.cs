using Apache.Arrow;

namespace Federation.Samples.Tpch.Columns;

/// <summary>
/// Builds record batches of one table from typed column buffers. Subclasses declare their columns
/// in schema order and append whole rows; the base class turns the buffers into a batch.
/// </summary>
internal abstract class TableBatchBuilder(Schema schema, int capacity)
{
    private IColumnBuffer[] _columns = [];

    public Schema Schema { get; } = schema;

    public int Capacity { get; } = capacity;

    /// <summary>Rows appended since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    /// <summary>The batch of the rows appended so far; valid until the next <see cref="Clear"/>.</summary>
    public RecordBatch Build()
    {
        var arrays = new IArrowArray[_columns.Length];
        for (int index = 0; index < _columns.Length; index++)
        {
            if (_columns[index].Count != Count)
            {
                throw new InvalidOperationException(
                    $"{GetType().Name}: column {Schema.FieldsList[index].Name} has {_columns[index].Count} values for {Count} rows");
            }
            arrays[index] = _columns[index].Build();
        }
        return new RecordBatch(Schema, arrays, Count);
    }

    public void Clear()
    {
        foreach (var column in _columns)
        {
            column.Clear();
        }
        Count = 0;
    }

    /// <summary>Declares the column buffers, in schema order; checked once against the schema's types.</summary>
    protected void DeclareColumns(params IColumnBuffer[] columns)
    {
        if (columns.Length != Schema.FieldsList.Count)
        {
            throw new InvalidOperationException(
                $"{GetType().Name} declares {columns.Length} columns for a schema of {Schema.FieldsList.Count}");
        }
        for (int index = 0; index < columns.Length; index++)
        {
            var field = Schema.FieldsList[index];
            if (field.DataType.TypeId != columns[index].TypeId)
            {
                throw new InvalidOperationException(
                    $"{GetType().Name}: column {field.Name} is {field.DataType.TypeId}, its buffer {columns[index].TypeId}");
            }
        }
        _columns = columns;
    }

    /// <summary>Called by subclasses once every column of a row has been appended.</summary>
    protected void CompleteRow() => Count++;
}
