namespace Federation.Formats.Avro;

/// <summary>The Avro specification's primitive and complex types.</summary>
internal enum AvroSchemaKind
{
    Null,
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Bytes,
    String,
    Record,
    Enum,
    Array,
    Map,
    Union,
    Fixed,
}
