using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Federation.Samples.Tpch.Columns;

/// <summary>
/// A fixed-width column kept in a byte array so that the Arrow value buffer wraps it without a copy.
/// All TPC-H columns are non-nullable, so no validity bitmap is ever built.
/// </summary>
internal abstract class FixedWidthColumnBuffer<T> : IColumnBuffer
    where T : unmanaged
{
    private readonly byte[] _bytes;

    protected FixedWidthColumnBuffer(int capacity) => _bytes = new byte[capacity * Unsafe.SizeOf<T>()];

    public abstract ArrowTypeId TypeId { get; }

    public int Count { get; private set; }

    public void Append(T value)
    {
        MemoryMarshal.Cast<byte, T>(_bytes.AsSpan())[Count] = value;
        Count++;
    }

    public IArrowArray Build() =>
        CreateArray(new ArrowBuffer(_bytes.AsMemory(0, Count * Unsafe.SizeOf<T>())), Count);

    public void Clear() => Count = 0;

    protected abstract IArrowArray CreateArray(ArrowBuffer values, int length);
}
