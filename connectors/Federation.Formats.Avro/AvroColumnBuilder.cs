using System.Runtime.CompilerServices;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Formats.Avro;

/// <summary>
/// The values of one projected column for one batch, appended as the decoder reads them: fixed-width values straight
/// into the Arrow values buffer, booleans as bits, strings and bytes into a <see cref="VariableWidthBuilder"/>; the
/// validity bitmap is made at the first null. One builder per column per batch (the arrays it builds own the buffers).
/// </summary>
internal sealed class AvroColumnBuilder
{
    private readonly SqlType _type;
    private readonly int _width;
    private readonly byte[] _values;
    private readonly VariableWidthBuilder? _variable;
    private byte[]? _validity;
    private int _count;

    public AvroColumnBuilder(SqlType type, int capacity)
    {
        _type = type;
        if (type.Kind is TypeKind.String or TypeKind.Binary)
        {
            _variable = new VariableWidthBuilder(type, capacity, capacity * 16);
            _values = [];
        }
        else if (type.Kind == TypeKind.Boolean)
        {
            _values = new byte[Bitmap.BytesFor(capacity)];
        }
        else
        {
            _width = ArrayFactory.ByteWidth(type);
            _values = new byte[capacity * _width];
        }
    }

    public int Count => _variable?.Count ?? _count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendInt16(short value)
    {
        Unsafe.WriteUnaligned(ref _values[_count * 2], value);
        _count++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendInt32(int value)
    {
        Unsafe.WriteUnaligned(ref _values[_count * 4], value);
        _count++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendInt64(long value)
    {
        Unsafe.WriteUnaligned(ref _values[_count * 8], value);
        _count++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFloat(float value)
    {
        Unsafe.WriteUnaligned(ref _values[_count * 4], value);
        _count++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendDouble(double value)
    {
        Unsafe.WriteUnaligned(ref _values[_count * 8], value);
        _count++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendInt128(Int128 value)
    {
        Unsafe.WriteUnaligned(ref _values[_count * 16], value);
        _count++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendBoolean(bool value)
    {
        if (value)
        {
            Bitmap.Set(_values, _count);
        }

        _count++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendBytes(ReadOnlySpan<byte> value) => _variable!.Append(value);

    /// <summary>Room for a value of at most <paramref name="maxBytes"/> written in place; <see cref="Commit"/> says how much was.</summary>
    public Span<byte> Reserve(int maxBytes) => _variable!.Reserve(maxBytes);

    public void Commit(int written) => _variable!.Commit(written);

    public void AppendNull()
    {
        if (_variable is not null)
        {
            _variable.AppendNull();
            return;
        }

        if (_validity is null)
        {
            var capacity = _type.Kind == TypeKind.Boolean ? _values.Length * 8 : _values.Length / _width;
            _validity = Bitmap.AllSet(capacity);
        }

        Bitmap.Clear(_validity, _count);
        _count++;
    }

    public IArrowArray Build()
    {
        if (_variable is not null)
        {
            return _variable.Build();
        }

        var validity = _validity is null ? null : _validity.AsSpan(0, Bitmap.BytesFor(_count)).ToArray();
        if (_type.Kind == TypeKind.Boolean)
        {
            return ArrayFactory.Boolean(_values.AsSpan(0, Bitmap.BytesFor(_count)).ToArray(), _count, validity);
        }

        var values = _values.Length == _count * _width ? _values : _values.AsSpan(0, _count * _width).ToArray();
        return ArrayFactory.Fixed(_type, values, _count, validity);
    }
}
