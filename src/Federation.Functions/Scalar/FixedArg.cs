using Apache.Arrow.Scalars;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar;

/// <summary>
/// A fixed-width argument read the same way whether it is an array or a scalar: a scalar is a one-value span
/// indexed with a zero mask, so kernels loop over rows without branching on the argument's shape.
/// </summary>
internal readonly ref struct FixedArg<T>
    where T : unmanaged
{
    private readonly ReadOnlySpan<T> _values;
    private readonly int _mask;

    public FixedArg(in ColumnarValue value)
    {
        if (value.IsScalar)
        {
            var scalar = value.Scalar!;
            IsNullScalar = scalar.IsNull;
            _values = new[] { scalar.IsNull ? default : Unbox(scalar) };
            _mask = 0;
            Validity = default;
        }
        else
        {
            var array = value.Array!;
            _values = ArrayFactory.FixedValues<T>(array);
            _mask = -1;
            Validity = Federation.Common.Arrow.Validity.Bits(array);
        }
    }

    /// <summary>Validity of an array argument aligned to bit 0; empty when no row is null (and for scalars).</summary>
    public ReadOnlySpan<byte> Validity { get; }

    public bool IsNullScalar { get; }

    public bool IsScalar => _mask == 0;

    public T this[int row] => _values[row & _mask];

    /// <summary>Whether the value at a row is not NULL (a NULL scalar is never valid).</summary>
    public bool IsValid(int row) => !IsNullScalar && (Validity.IsEmpty || Bitmap.Get(Validity, row));

    private static T Unbox(ScalarValue scalar)
    {
        if (scalar.Value is T value)
        {
            return value;
        }

        if (typeof(T) == typeof(MonthDayNanosecondInterval) && scalar.Value is Interval interval)
        {
            return (T)(object)IntervalCodec.ToArrow(interval);
        }

        throw FederationException.Internal($"a {scalar.Type} scalar cannot be read as {typeof(T).Name}");
    }
}
