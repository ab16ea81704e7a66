namespace Federation.Formats.Avro;

/// <summary>One field of an Avro record: its name as the writer spelled it, and its schema.</summary>
internal sealed record AvroField(string Name, AvroSchema Schema);
