using System.Buffers;
using Apache.Arrow.Memory;

namespace Federation.Execution;

/// <summary>
/// Gives Arrow's IPC reader managed arrays for the batches it reads back from spill files, as the rest of the engine's
/// buffers are: the default native allocator's memory is freed only when a batch is disposed (operators never do) or
/// finalized, which the collector does not hurry for memory it cannot see.
/// </summary>
internal sealed class ManagedArrowAllocator : MemoryAllocator
{
    public static readonly ManagedArrowAllocator Instance = new();

    private ManagedArrowAllocator()
        : base(DefaultAlignment)
    {
    }

    protected override IMemoryOwner<byte> AllocateInternal(int length, out int bytesAllocated)
    {
        bytesAllocated = length;
        return new Owner(GC.AllocateUninitializedArray<byte>(length));
    }

    private sealed class Owner(byte[] array) : IMemoryOwner<byte>
    {
        public Memory<byte> Memory { get; } = array;

        public void Dispose()
        {
        }
    }
}
