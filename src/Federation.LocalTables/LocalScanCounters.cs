namespace Federation.LocalTables;

/// <summary>What scans of one local table have read since it was opened: row groups skipped by zone maps, blocks decoded.</summary>
public sealed class LocalScanCounters
{
    private long _rowGroupsSkipped;
    private long _rowGroupsRead;
    private long _blocksRead;

    public long RowGroupsSkipped => Interlocked.Read(ref _rowGroupsSkipped);

    public long RowGroupsRead => Interlocked.Read(ref _rowGroupsRead);

    public long BlocksRead => Interlocked.Read(ref _blocksRead);

    internal void Skipped() => Interlocked.Increment(ref _rowGroupsSkipped);

    internal void Read(int blocks)
    {
        Interlocked.Increment(ref _rowGroupsRead);
        Interlocked.Add(ref _blocksRead, blocks);
    }
}
