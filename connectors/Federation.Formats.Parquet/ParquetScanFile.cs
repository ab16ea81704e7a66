using Federation.Common.Types;

namespace Federation.Formats.Parquet;

/// <summary>One file of a Parquet table with its partition values (one per partition column).</summary>
public sealed record ParquetScanFile(ParquetFileInfo Info, IReadOnlyList<ScalarValue> PartitionValues)
{
    /// <summary>The row groups to read, ascending; null: all of them.</summary>
    public IReadOnlyList<int>? RowGroups { get; init; }
}
