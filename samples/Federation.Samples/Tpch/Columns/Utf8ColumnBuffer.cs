using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Federation.Samples.Tpch.Columns;

/// <summary>
/// A UTF-8 string column as Arrow lays it out: 32-bit offsets and one byte buffer. Values are
/// appended as bytes (or written in place), so no string is ever allocated per value.
/// </summary>
internal sealed class Utf8ColumnBuffer : IColumnBuffer
{
    private readonly byte[] _offsets;
    private byte[] _data;
    private int _dataLength;

    public Utf8ColumnBuffer(int capacity, int expectedAverageLength)
    {
        _offsets = new byte[(capacity + 1) * sizeof(int)];
        _data = new byte[Math.Max(64, capacity * expectedAverageLength)];
    }

    public ArrowTypeId TypeId => ArrowTypeId.String;

    public int Count { get; private set; }

    public void Append(ReadOnlySpan<byte> value) => value.CopyTo(AppendUninitialized(value.Length));

    public void Append(byte value) => AppendUninitialized(1)[0] = value;

    /// <summary>Reserves the next value's bytes for the caller to fill in place.</summary>
    public Span<byte> AppendUninitialized(int length)
    {
        if (_dataLength + length > _data.Length)
        {
            System.Array.Resize(ref _data, Math.Max(_data.Length * 2, _dataLength + length));
        }
        var value = _data.AsSpan(_dataLength, length);
        _dataLength += length;
        Count++;
        MemoryMarshal.Cast<byte, int>(_offsets.AsSpan())[Count] = _dataLength;
        return value;
    }

    public IArrowArray Build() => new StringArray(
        Count,
        new ArrowBuffer(_offsets.AsMemory(0, (Count + 1) * sizeof(int))),
        new ArrowBuffer(_data.AsMemory(0, _dataLength)),
        ArrowBuffer.Empty,
        nullCount: 0,
        offset: 0);

    public void Clear()
    {
        Count = 0;
        _dataLength = 0;
    }
}
