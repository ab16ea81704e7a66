using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.DateTime;

/// <summary>A date, timestamp or timestamptz argument read as microseconds since the epoch (dates at midnight).</summary>
internal readonly ref struct TemporalArg
{
    private readonly ReadOnlySpan<int> _days;
    private readonly ReadOnlySpan<long> _micros;
    private readonly bool _isDate;
    private readonly int _mask;

    public TemporalArg(in ColumnarValue value)
    {
        if (value.IsScalar)
        {
            var scalar = value.Scalar!;
            IsNullScalar = scalar.IsNull;
            _mask = 0;
            _isDate = scalar.Value is int;
            if (scalar.Value is int days)
            {
                _days = new[] { days };
            }
            else
            {
                _micros = new[] { scalar.Value is long micros ? micros : 0L };
            }
        }
        else
        {
            var array = value.Array!;
            _mask = -1;
            _isDate = array is Date32Array;
            if (_isDate)
            {
                _days = ArrayFactory.FixedValues<int>(array);
            }
            else
            {
                _micros = ArrayFactory.FixedValues<long>(array);
            }

            Validity = Federation.Common.Arrow.Validity.Bits(array);
        }
    }

    public ReadOnlySpan<byte> Validity { get; }

    public bool IsNullScalar { get; }

    public long this[int row] => _isDate ? _days[row & _mask] * DateTimeMath.MicrosPerDay : _micros[row & _mask];

    public bool IsValid(int row) => !IsNullScalar && (Validity.IsEmpty || Federation.Common.Arrow.Bitmap.Get(Validity, row));
}
