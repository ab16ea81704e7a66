namespace Federation.Logical.Tables;

/// <summary>What the planner may know about a table before reading it; null means unknown.</summary>
public sealed record TableStatistics(double? RowCount, long? TotalBytes = null)
{
    public static readonly TableStatistics Unknown = new((double?)null);
}
