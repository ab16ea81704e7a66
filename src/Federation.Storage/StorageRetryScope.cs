namespace Federation.Storage;

/// <summary>
/// Whose retries a store call's retries are: a reader sets its own counters around each request it makes, and a store
/// that retries counts the retry there as well as in its own totals, so EXPLAIN ANALYZE can show the retries of each scan
/// while the store keeps counting for the whole process. Flows with the async call (an AsyncLocal), so requests issued
/// in parallel by different scans count apart.
/// </summary>
public static class StorageRetryScope
{
    private static readonly AsyncLocal<StorageRetryCounters?> CurrentCounters = new();

    /// <summary>The counters of the reader whose request is running, or null outside any.</summary>
    public static StorageRetryCounters? Current => CurrentCounters.Value;

    /// <summary>Counts a retry for the reader whose request is running, if any.</summary>
    public static void Count(StorageRetryKind kind) => CurrentCounters.Value?.Count(kind);

    /// <summary>Makes <paramref name="counters"/> current until the returned scope is disposed.</summary>
    public static Scope Enter(StorageRetryCounters counters)
    {
        var previous = CurrentCounters.Value;
        CurrentCounters.Value = counters;
        return new Scope(previous);
    }

    public readonly struct Scope(StorageRetryCounters? previous) : IDisposable
    {
        public void Dispose() => CurrentCounters.Value = previous;
    }
}
