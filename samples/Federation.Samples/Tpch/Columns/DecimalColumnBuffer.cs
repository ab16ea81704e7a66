using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Federation.Samples.Tpch.Columns;

/// <summary>
/// DECIMAL(15,2) values appended as unscaled integers (cents), laid out as Arrow's 128-bit
/// little-endian two's complement: the low word is the value, the high word its sign.
/// </summary>
internal sealed class DecimalColumnBuffer : IColumnBuffer
{
    public static readonly Decimal128Type Type = new(15, 2);

    private readonly byte[] _bytes;

    public DecimalColumnBuffer(int capacity) => _bytes = new byte[capacity * 16];

    public ArrowTypeId TypeId => ArrowTypeId.Decimal128;

    public int Count { get; private set; }

    public void Append(long unscaled)
    {
        var words = MemoryMarshal.Cast<byte, long>(_bytes.AsSpan());
        words[2 * Count] = unscaled;
        words[2 * Count + 1] = unscaled >> 63;
        Count++;
    }

    public IArrowArray Build() => new Decimal128Array(new ArrayData(
        Type, Count, nullCount: 0, offset: 0, [ArrowBuffer.Empty, new ArrowBuffer(_bytes.AsMemory(0, Count * 16))]));

    public void Clear() => Count = 0;
}
