using System.Text;
using Apache.Arrow;
using Federation.Common.Arrow;

namespace Federation.Functions.Scalar;

/// <summary>
/// A UTF-8 string (or binary) argument read the same way whether it is an array or a scalar (a scalar is encoded once
/// and indexed with a zero mask). <see cref="StringArray.ValueOffsets"/> already accounts for the array offset;
/// the data buffer is indexed with those offsets directly.
/// </summary>
internal readonly ref struct Utf8Arg
{
    private readonly ReadOnlySpan<int> _offsets;
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _mask;

    public Utf8Arg(in ColumnarValue value)
    {
        if (value.IsScalar)
        {
            var scalar = value.Scalar!;
            IsNullScalar = scalar.IsNull;
            var bytes = scalar.Value switch
            {
                string text => Encoding.UTF8.GetBytes(text),
                byte[] raw => raw,
                _ => [],
            };
            _data = bytes;
            _offsets = new[] { 0, bytes.Length };
            _mask = 0;
            Validity = default;
        }
        else
        {
            var array = (BinaryArray)value.Array!;
            _offsets = array.ValueOffsets;
            _data = array.ValueBuffer.Span;
            _mask = -1;
            Validity = Federation.Common.Arrow.Validity.Bits(array);
        }
    }

    public ReadOnlySpan<byte> Validity { get; }

    public bool IsNullScalar { get; }

    public bool IsScalar => _mask == 0;

    /// <summary>Total bytes of the values (an estimate for output buffers).</summary>
    public int DataLength => _offsets[^1] - _offsets[0];

    public ReadOnlySpan<byte> this[int row]
    {
        get
        {
            var index = row & _mask;
            var start = _offsets[index];
            return _data.Slice(start, _offsets[index + 1] - start);
        }
    }

    public bool IsValid(int row) => !IsNullScalar && (Validity.IsEmpty || Bitmap.Get(Validity, row));
}
