namespace Federation.Storage;

/// <summary>
/// Requests and bytes one query (or one test) made of object storage, counted by <see cref="CountingObjectStore"/>;
/// thread-safe, since a query reads from several threads. Feeds EXPLAIN ANALYZE and SVL_S3QUERY_SUMMARY.
/// </summary>
public sealed class StorageCounters
{
    private long _listRequests;
    private long _headRequests;
    private long _getRequests;
    private long _putRequests;
    private long _bytesRead;
    private long _bytesWritten;

    public long ListRequests => Interlocked.Read(ref _listRequests);

    public long HeadRequests => Interlocked.Read(ref _headRequests);

    public long GetRequests => Interlocked.Read(ref _getRequests);

    public long PutRequests => Interlocked.Read(ref _putRequests);

    public long BytesRead => Interlocked.Read(ref _bytesRead);

    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    public long Requests => ListRequests + HeadRequests + GetRequests + PutRequests;

    internal void CountList() => Interlocked.Increment(ref _listRequests);

    internal void CountHead() => Interlocked.Increment(ref _headRequests);

    internal void CountGet(long bytes)
    {
        Interlocked.Increment(ref _getRequests);
        Interlocked.Add(ref _bytesRead, bytes);
    }

    internal void CountPut(long bytes)
    {
        Interlocked.Increment(ref _putRequests);
        Interlocked.Add(ref _bytesWritten, bytes);
    }

    public override string ToString() =>
        $"requests={Requests} (list={ListRequests}, head={HeadRequests}, get={GetRequests}, put={PutRequests}), bytes_read={BytesRead}, bytes_written={BytesWritten}";
}
