using Federation.Common.Types;

namespace Federation.Formats.Parquet;

/// <summary>A top-level column of a Parquet file: its Arrow field position, its leaf column (for statistics) and SQL type.</summary>
public sealed record ParquetColumn(string Name, int FieldIndex, int LeafIndex, SqlType Type);
