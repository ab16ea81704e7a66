using System.Buffers;
using System.Text;
using Apache.Arrow;
using Federation.Common.Types;

namespace Federation.Common.Arrow;

/// <summary>
/// Appends UTF-8 strings (or bytes) row by row into growable buffers and produces a StringArray/BinaryArray.
/// Used by kernels whose output length per row is not known in advance.
/// </summary>
public sealed class VariableWidthBuilder
{
    private readonly SqlType _type;
    private int[] _offsets;
    private byte[] _data;
    private byte[]? _validity;
    private int _count;
    private int _dataLength;

    public VariableWidthBuilder(SqlType type, int capacity, int dataCapacity = 0)
    {
        _type = type;
        _offsets = new int[Math.Max(capacity, 1) + 1];
        _data = new byte[Math.Max(dataCapacity, 16)];
    }

    public static VariableWidthBuilder Utf8(int capacity, int dataCapacity = 0) => new(SqlType.String, capacity, dataCapacity);

    public int Count => _count;

    public void Append(ReadOnlySpan<byte> value)
    {
        EnsureRow();
        EnsureData(value.Length);
        value.CopyTo(_data.AsSpan(_dataLength));
        _dataLength += value.Length;
        _count++;
        _offsets[_count] = _dataLength;
    }

    public void Append(string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        EnsureRow();
        EnsureData(max);
        _dataLength += Encoding.UTF8.GetBytes(value, _data.AsSpan(_dataLength));
        _count++;
        _offsets[_count] = _dataLength;
    }

    /// <summary>Reserves up to <paramref name="maxBytes"/> for the next value; call <see cref="Commit"/> with what was written.</summary>
    public Span<byte> Reserve(int maxBytes)
    {
        EnsureRow();
        EnsureData(maxBytes);
        return _data.AsSpan(_dataLength, maxBytes);
    }

    public void Commit(int written)
    {
        _dataLength += written;
        _count++;
        _offsets[_count] = _dataLength;
    }

    public void AppendNull()
    {
        EnsureRow();
        if (_validity is null)
        {
            _validity = new byte[Bitmap.BytesFor(_offsets.Length)];
            _validity.AsSpan(0, Bitmap.BytesFor(_count + 1)).Fill(0xFF);
        }

        Bitmap.Clear(_validity, _count);
        _count++;
        _offsets[_count] = _dataLength;
    }

    private void EnsureRow()
    {
        if (_count + 2 > _offsets.Length)
        {
            System.Array.Resize(ref _offsets, _offsets.Length * 2);
        }

        if (_validity is not null)
        {
            var needed = Bitmap.BytesFor(_count + 1);
            if (needed > _validity.Length)
            {
                var old = _validity.Length;
                System.Array.Resize(ref _validity, Math.Max(needed, old * 2));
                _validity.AsSpan(old).Fill(0xFF);
            }
            else
            {
                Bitmap.Set(_validity, _count);
            }
        }
    }

    private void EnsureData(int extra)
    {
        if (_dataLength + extra > _data.Length)
        {
            var size = Math.Max(_data.Length * 2, _dataLength + extra);
            System.Array.Resize(ref _data, size);
        }
    }

    public IArrowArray Build()
    {
        var offsets = new byte[(_count + 1) * 4];
        Buffer.BlockCopy(_offsets, 0, offsets, 0, offsets.Length);
        var data = _data.Length == _dataLength ? _data : _data.AsSpan(0, _dataLength).ToArray();
        byte[]? validity = null;
        if (_validity is not null)
        {
            validity = new byte[Bitmap.BytesFor(_count)];
            _validity.AsSpan(0, validity.Length).CopyTo(validity);
            // Bits past the last row may be set; the null count only counts the first _count bits.
        }

        return ArrayFactory.Variable(_type, offsets, data, _count, validity);
    }
}
