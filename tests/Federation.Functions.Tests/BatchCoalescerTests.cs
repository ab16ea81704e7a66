using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Tests;

public class BatchCoalescerTests
{
    private static RecordBatch Batch(long first, int rows)
    {
        var values = new long?[rows];
        for (var i = 0; i < rows; i++)
        {
            values[i] = first + i;
        }

        var column = ArrowValues.Int64s(values);
        var schema = new Schema([new Field("x", column.Data.DataType, true)], null);
        return new RecordBatch(schema, [column], rows);
    }

    private static long[] Values(RecordBatch batch)
    {
        var column = (Int64Array)batch.Column(0);
        var values = new long[batch.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = column.GetValue(i)!.Value;
        }

        return values;
    }

    [Fact]
    public void A_batch_of_at_least_half_the_target_passes_through_uncopied()
    {
        var coalescer = new BatchCoalescer(100);
        var batch = Batch(0, 50);
        Assert.Same(batch, coalescer.Push(batch));
        Assert.Null(coalescer.Flush());
    }

    [Fact]
    public void Small_batches_are_gathered_in_order_until_half_the_target()
    {
        var coalescer = new BatchCoalescer(100);
        Assert.Null(coalescer.Push(Batch(0, 20)));
        Assert.Null(coalescer.Push(Batch(20, 20)));
        var output = coalescer.Push(Batch(40, 15));
        Assert.NotNull(output);
        Assert.Equal(Enumerable.Range(0, 55).Select(i => (long)i), Values(output));
        Assert.Null(coalescer.Flush());
    }

    [Fact]
    public void A_large_batch_behind_waiting_rows_joins_them()
    {
        var coalescer = new BatchCoalescer(100);
        Assert.Null(coalescer.Push(Batch(0, 3)));
        var output = coalescer.Push(Batch(3, 80));
        Assert.Equal(Enumerable.Range(0, 83).Select(i => (long)i), Values(output!));
    }

    [Fact]
    public void Waiting_rows_are_emitted_after_a_bounded_number_of_inputs_without_output()
    {
        var coalescer = new BatchCoalescer(8192);
        Assert.Null(coalescer.Push(Batch(7, 1)));
        for (var i = 1; i < BatchCoalescer.MaxWaitingInputs - 1; i++)
        {
            Assert.Null(coalescer.Push(null));
        }

        var output = coalescer.Push(Batch(8, 0));
        Assert.Equal([7L], Values(output!));
    }

    [Fact]
    public void Inputs_without_output_are_not_counted_while_nothing_waits()
    {
        var coalescer = new BatchCoalescer(8192);
        for (var i = 0; i < 3 * BatchCoalescer.MaxWaitingInputs; i++)
        {
            Assert.Null(coalescer.Push(null));
        }

        Assert.Null(coalescer.Push(Batch(0, 2)));
        Assert.Equal([0L, 1L], Values(coalescer.Flush()!));
    }
}
