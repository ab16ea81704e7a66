using Apache.Arrow;
using Federation.Common.Arrow;

namespace Federation.Functions.Scalar;

/// <summary>A boolean argument (bit-packed array or scalar) read per row.</summary>
internal readonly ref struct BoolArg
{
    private readonly ReadOnlySpan<byte> _bits;
    private readonly int _offset;
    private readonly bool _scalar;
    private readonly bool _isScalar;

    public BoolArg(in ColumnarValue value)
    {
        if (value.IsScalar)
        {
            _isScalar = true;
            IsNullScalar = value.Scalar!.IsNull;
            _scalar = value.Scalar.Value is true;
            Validity = default;
        }
        else
        {
            var array = (BooleanArray)value.Array!;
            _bits = array.ValueBuffer.Span;
            _offset = array.Offset;
            Validity = Federation.Common.Arrow.Validity.Bits(array);
        }
    }

    public ReadOnlySpan<byte> Validity { get; }

    public bool IsNullScalar { get; }

    public bool this[int row] => _isScalar ? _scalar : Bitmap.Get(_bits, _offset + row);

    public bool IsValid(int row) => !IsNullScalar && (Validity.IsEmpty || Bitmap.Get(Validity, row));
}
