using System.Runtime.InteropServices;

namespace Federation.Formats.Avro;

/// <summary>A read-only stream over a block's bytes in a larger buffer, without copying them.</summary>
internal sealed class MemoryStreamOver : MemoryStream
{
    public MemoryStreamOver(ReadOnlyMemory<byte> memory)
        : base(Segment(memory).Array!, Segment(memory).Offset, memory.Length, writable: false)
    {
    }

    private static ArraySegment<byte> Segment(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out var segment) ? segment : new ArraySegment<byte>(memory.ToArray());
}
