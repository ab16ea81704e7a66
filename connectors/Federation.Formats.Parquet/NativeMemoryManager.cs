using System.Buffers;

namespace Federation.Formats.Parquet;

/// <summary>
/// Memory owned by native code (a buffer of the Parquet reader's batch), seen as Memory&lt;byte&gt; so an Arrow
/// array can be built over it without a copy. It frees nothing: the lender releases the memory, and whoever
/// borrowed it must be done by then (see NativeRecordBatchStream.NextBorrowed).
/// </summary>
internal sealed unsafe class NativeMemoryManager(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
