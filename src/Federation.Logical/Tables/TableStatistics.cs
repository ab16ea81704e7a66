namespace Federation.Logical.Tables;

/// <summary>What the planner may know about a table before reading it; null means unknown.</summary>
public sealed record TableStatistics(double? RowCount, long? TotalBytes = null, IReadOnlyList<ColumnStatistics?>? Columns = null)
{
    public static readonly TableStatistics Unknown = new((double?)null);

    public ColumnStatistics? Column(int index) => Columns is { } columns && index < columns.Count ? columns[index] : null;
}
