using Federation.Common.Types;

namespace Federation.Logical.Tables;

/// <summary>
/// What a table or a container (file, row group, stripe, partition) says about one column; null parts are
/// unknown. DistinctCount is an estimate (an upper bound such as max - min + 1 for integers is fine).
/// </summary>
public sealed record ColumnStatistics(ScalarValue? Min, ScalarValue? Max, long? NullCount, long RowCount, double? DistinctCount = null);
