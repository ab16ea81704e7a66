using Federation.Common.Types;

namespace Federation.Physical.Pruning;

/// <summary>What a container (file, row group, stripe, partition) says about one column; null parts are unknown.</summary>
public sealed record ColumnStatistics(ScalarValue? Min, ScalarValue? Max, long? NullCount, long RowCount);
