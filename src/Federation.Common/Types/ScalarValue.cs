using System.Globalization;

namespace Federation.Common.Types;

/// <summary>
/// One typed value, used where values are few: literals, constant folding, statistics, partition values.
/// Never in a per-row path. Value holds bool, short, int, long, float, double, Int128 (decimal, unscaled),
/// string, byte[], int (date: days), long (timestamp: microseconds) or Interval; null for SQL NULL.
/// </summary>
public sealed record ScalarValue(SqlType Type, object? Value)
{
    /// <summary>
    /// Checked on construction: a value boxed as the wrong CLR type (a double for real, an int for smallint) would
    /// otherwise only fail much later, as an InvalidCastException when a kernel unboxes it.
    /// </summary>
    public object? Value { get; init; } = CheckRepresentation(Type, Value);

    public bool IsNull => Value is null;

    public static ScalarValue NullOf(SqlType type) => new(type, null);

    public static readonly ScalarValue Null = new(SqlType.Null, null);

    public static ScalarValue Boolean(bool value) => new(SqlType.Boolean, value);

    public static ScalarValue Int16(short value) => new(SqlType.Int16, value);

    public static ScalarValue Int32(int value) => new(SqlType.Int32, value);

    public static ScalarValue Int64(long value) => new(SqlType.Int64, value);

    public static ScalarValue Float32(float value) => new(SqlType.Float32, value);

    public static ScalarValue Float64(double value) => new(SqlType.Float64, value);

    public static ScalarValue Decimal(Int128 unscaled, int precision, int scale) => new(SqlType.Decimal(precision, scale), unscaled);

    public static ScalarValue String(string value) => new(SqlType.String, value);

    public static ScalarValue Date(int days) => new(SqlType.Date, days);

    public static ScalarValue Timestamp(long micros) => new(SqlType.Timestamp, micros);

    public static ScalarValue TimestampTz(long micros) => new(SqlType.TimestampTz, micros);

    public static ScalarValue IntervalValue(Interval value) => new(SqlType.Interval, value);

    private static object? CheckRepresentation(SqlType type, object? value)
    {
        if (value is null)
        {
            return null;
        }

        var ok = type.Kind switch
        {
            TypeKind.Boolean => value is bool,
            TypeKind.Int16 => value is short,
            TypeKind.Int32 or TypeKind.Date => value is int,
            TypeKind.Int64 or TypeKind.Timestamp or TypeKind.TimestampTz => value is long,
            TypeKind.Float32 => value is float,
            TypeKind.Float64 => value is double,
            TypeKind.Decimal => value is Int128,
            TypeKind.String => value is string,
            TypeKind.Binary => value is byte[],
            TypeKind.Interval => value is Interval,
            _ => false,
        };
        return ok ? value : throw FederationException.Internal($"a {type} value cannot be held as {value.GetType().Name}");
    }

    /// <summary>The value as a long for integer, date and timestamp kinds.</summary>
    public long AsInt64() => Value switch
    {
        short s => s,
        int i => i,
        long l => l,
        bool b => b ? 1 : 0,
        _ => throw FederationException.Internal($"{Type} value is not integral"),
    };

    public double AsDouble() => Value switch
    {
        short s => s,
        int i => i,
        long l => l,
        float f => f,
        double d => d,
        Int128 x => DecimalMath.ToDouble(x, Type.Scale),
        _ => throw FederationException.Internal($"{Type} value is not numeric"),
    };

    /// <summary>
    /// Orders two non-null values of the same type kind (decimals may differ in scale). Returns null when the
    /// kinds cannot be compared.
    /// </summary>
    public int? CompareTo(ScalarValue other)
    {
        if (Value is null || other.Value is null)
        {
            return null;
        }

        switch (Value, other.Value)
        {
            case (bool a, bool b):
                return a.CompareTo(b);
            case (short a, short b):
                return a.CompareTo(b);
            case (int a, int b):
                return a.CompareTo(b);
            case (long a, long b):
                return a.CompareTo(b);
            case (float a, float b):
                return a.CompareTo(b);
            case (double a, double b):
                return a.CompareTo(b);
            case (Int128 a, Int128 b):
                var scale = Math.Max(Type.Scale, other.Type.Scale);
                try
                {
                    return DecimalMath.Rescale(a, Type.Scale, scale).CompareTo(DecimalMath.Rescale(b, other.Type.Scale, scale));
                }
                catch (OverflowException)
                {
                    return DecimalMath.ToDouble(a, Type.Scale).CompareTo(DecimalMath.ToDouble(b, other.Type.Scale));
                }

            case (string a, string b):
                return string.CompareOrdinal(a, b) switch { < 0 => -1, > 0 => 1, _ => 0 };
            case (byte[] a, byte[] b):
                return a.AsSpan().SequenceCompareTo(b);
            case (Interval a, Interval b):
                return a.CompareTo(b);
            default:
                return null;
        }
    }

    public bool Equals(ScalarValue? other) =>
        other is not null && Type.SameComputation(other.Type) && (Value is null ? other.Value is null : CompareTo(other) == 0);

    public override int GetHashCode() => HashCode.Combine(Type.Kind, Value is byte[] bytes ? bytes.Length : Value?.GetHashCode() ?? 0);

    /// <summary>The value as PostgreSQL prints it (text output), "NULL" for null.</summary>
    public override string ToString() => Value is null ? "NULL" : ValueFormatter.Format(Type, Value);

    /// <summary>The value written as a SQL literal, for EXPLAIN and error messages.</summary>
    public string ToSqlLiteral()
    {
        if (Value is null)
        {
            return "NULL";
        }

        var text = ValueFormatter.Format(Type, Value);
        return Type.Kind switch
        {
            TypeKind.String => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'",
            TypeKind.Date => "DATE '" + text + "'",
            TypeKind.Timestamp => "TIMESTAMP '" + text + "'",
            TypeKind.TimestampTz => "TIMESTAMPTZ '" + text + "'",
            TypeKind.Interval => "INTERVAL '" + text + "'",
            TypeKind.Binary => "'" + text + "'::varbyte",
            TypeKind.Float32 or TypeKind.Float64 when !double.IsFinite(AsDouble()) => "'" + text + "'::" + Type,
            _ => text,
        };
    }
}
