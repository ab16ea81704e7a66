using Apache.Arrow;

namespace Federation.Common.Arrow;

/// <summary>Whole-batch helpers over <see cref="ArrayTake"/> and <see cref="ArrayConcat"/>.</summary>
public static class BatchOps
{
    /// <summary>
    /// The bytes a batch's buffers hold, children and dictionaries included: what holding it costs against a memory
    /// limit. A slice counts its whole buffers, since it keeps them alive.
    /// </summary>
    public static long ByteSize(RecordBatch batch)
    {
        long total = 0;
        for (var c = 0; c < batch.ColumnCount; c++)
        {
            total += ByteSize(batch.Column(c).Data);
        }

        return total;
    }

    /// <summary>The bytes an array's buffers hold, children and dictionary included.</summary>
    public static long ByteSize(IArrowArray array) => ByteSize(array.Data);

    private static long ByteSize(ArrayData data)
    {
        long total = 0;
        foreach (var buffer in data.Buffers ?? [])
        {
            total += buffer.Length;
        }

        foreach (var child in data.Children ?? [])
        {
            total += ByteSize(child);
        }

        return data.Dictionary is { } dictionary ? total + ByteSize(dictionary) : total;
    }

    public static RecordBatch Take(RecordBatch batch, ReadOnlySpan<int> indices)
    {
        var columns = new IArrowArray[batch.ColumnCount];
        // A selection that keeps long stretches of rows is copied stretch by stretch.
        var runs = columns.Length > 0 ? ArrayTake.DenseRuns(indices) : null;
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = runs is null ? ArrayTake.Take(batch.Column(c), indices) : ArrayTake.TakeRuns(batch.Column(c), runs, indices.Length);
        }

        return new RecordBatch(batch.Schema, columns, indices.Length);
    }

    /// <summary>Keeps the rows whose predicate bit is set and valid. Returns the batch itself when all rows pass.</summary>
    public static RecordBatch Filter(RecordBatch batch, BooleanArray predicate)
    {
        var selection = Selection(predicate, out var count);
        if (count == batch.Length)
        {
            return batch;
        }

        return Take(batch, selection.AsSpan(0, count));
    }

    /// <summary>Indices of rows where the predicate is true (not false, not null).</summary>
    public static int[] Selection(BooleanArray predicate, out int count)
    {
        var length = predicate.Length;
        var bits = TrueBits(predicate);
        var indices = new int[length];
        count = Bitmap.SetIndices(bits, length, indices);
        return indices;
    }

    /// <summary>A private bitmap of the rows where <paramref name="predicate"/> is TRUE (not FALSE, not NULL), from bit 0.</summary>
    public static byte[] TrueBits(BooleanArray predicate)
    {
        var length = predicate.Length;
        byte[] bits;
        if (predicate.Offset == 0)
        {
            bits = predicate.ValueBuffer.Span[..Bitmap.BytesFor(length)].ToArray();
        }
        else
        {
            bits = Bitmap.Copy(predicate.ValueBuffer.Span, predicate.Offset, length);
        }

        var validity = Validity.Bits(predicate);
        if (!validity.IsEmpty)
        {
            Bitmap.And(bits, validity, bits);
        }

        return bits;
    }

    public static RecordBatch Concat(Schema schema, IReadOnlyList<RecordBatch> batches)
    {
        if (batches.Count == 1)
        {
            return batches[0];
        }

        var total = 0;
        foreach (var b in batches)
        {
            total += b.Length;
        }

        var columns = new IArrowArray[schema.FieldsList.Count];
        var parts = new List<IArrowArray>(batches.Count);
        for (var c = 0; c < columns.Length; c++)
        {
            parts.Clear();
            foreach (var b in batches)
            {
                parts.Add(b.Column(c));
            }

            columns[c] = parts.Count == 0 ? EmptyArray(schema.FieldsList[c].DataType) : ArrayConcat.Concat(parts);
        }

        return new RecordBatch(schema, columns, total);
    }

    public static IArrowArray EmptyArray(Apache.Arrow.Types.IArrowType type)
    {
        var sql = Types.ArrowTypes.FromArrow(type) ?? throw FederationException.Internal($"no SQL type for {type.Name}");
        return ArrayFactory.Nulls(sql, 0);
    }

    public static RecordBatch Empty(Schema schema)
    {
        var columns = new IArrowArray[schema.FieldsList.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = EmptyArray(schema.FieldsList[c].DataType);
        }

        return new RecordBatch(schema, columns, 0);
    }

    /// <summary>A zero-copy window of a batch.</summary>
    public static RecordBatch Slice(RecordBatch batch, int offset, int length)
    {
        if (offset == 0 && length == batch.Length)
        {
            return batch;
        }

        var columns = new IArrowArray[batch.ColumnCount];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = ArrowArrayFactory.Slice(batch.Column(c), offset, length);
        }

        return new RecordBatch(batch.Schema, columns, length);
    }

    /// <summary>The same columns under another schema (renamed fields, same types).</summary>
    public static RecordBatch WithSchema(RecordBatch batch, Schema schema)
    {
        var columns = new IArrowArray[batch.ColumnCount];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = batch.Column(c);
        }

        return new RecordBatch(schema, columns, batch.Length);
    }
}
