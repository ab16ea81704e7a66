namespace Federation.Formats.Orc;

/// <summary>One top-level column of an ORC file: its name, its column id (its index in the type tree) and its type.</summary>
internal sealed record OrcField(string Name, int ColumnId, Protocol.Type Type);
