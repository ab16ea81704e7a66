namespace Federation.Formats.Avro;

/// <summary>How one writer field's values become one table column's (chosen once per file by <see cref="AvroColumnBinder"/>).</summary>
internal enum AvroConversion
{
    Skip,
    Boolean,
    IntToInt16,
    IntToInt32,
    IntToInt64,
    LongToInt16,
    LongToInt32,
    LongToInt64,
    IntToFloat32,
    IntToFloat64,
    LongToFloat64,
    FloatToFloat32,
    FloatToFloat64,
    DoubleToFloat64,
    IntToDecimal,
    LongToDecimal,

    /// <summary>A decimal logical type on bytes (length-prefixed) into decimal(p,s).</summary>
    BytesDecimal,

    /// <summary>A decimal logical type on fixed into decimal(p,s).</summary>
    FixedDecimal,
    Date,

    /// <summary>timestamp-millis or local-timestamp-millis into microseconds.</summary>
    MillisToMicros,

    /// <summary>timestamp-micros or local-timestamp-micros.</summary>
    Micros,

    /// <summary>timestamp-nanos or local-timestamp-nanos, floored to microseconds.</summary>
    NanosToMicros,

    /// <summary>bytes or string into varbinary.</summary>
    BytesToBinary,
    FixedToBinary,

    /// <summary>string into text, checked to be UTF-8.</summary>
    StringToText,
    FixedToText,
    EnumToText,

    /// <summary>Any other value (records, arrays, maps, unions of several types, logical types) rendered as text (<see cref="AvroTextRenderer"/>).</summary>
    RenderText,
}
