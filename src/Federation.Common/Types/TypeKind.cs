namespace Federation.Common.Types;

/// <summary>The SQL types Federation computes with. Each maps to one Arrow type (see <see cref="ArrowTypes"/>).</summary>
public enum TypeKind
{
    /// <summary>The type of a bare NULL literal before it is given one by context.</summary>
    Null,
    Boolean,
    Int16,
    Int32,
    Int64,
    Float32,
    Float64,
    Decimal,
    String,
    Binary,
    Date,
    Timestamp,
    TimestampTz,
    Interval,
}
