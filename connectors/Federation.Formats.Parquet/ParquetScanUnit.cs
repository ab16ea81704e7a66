namespace Federation.Formats.Parquet;

/// <summary>The row groups of one file that one scan partition reads.</summary>
public sealed record ParquetScanUnit(int FileIndex, IReadOnlyList<int> RowGroups);
