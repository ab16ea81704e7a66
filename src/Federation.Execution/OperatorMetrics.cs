using System.Collections.Concurrent;
using System.Diagnostics;

namespace Federation.Execution;

/// <summary>What one operator did in one query, summed over its partitions (EXPLAIN ANALYZE).</summary>
public sealed class OperatorMetrics
{
    private long _outputRows;
    private long _outputBatches;
    private long _elapsedTicks;
    private readonly ConcurrentDictionary<string, long> _counters = new(StringComparer.Ordinal);

    public long OutputRows => Interlocked.Read(ref _outputRows);

    public long OutputBatches => Interlocked.Read(ref _outputBatches);

    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _elapsedTicks) * TimeSpan.TicksPerSecond / Stopwatch.Frequency);

    public IReadOnlyDictionary<string, long> Counters => _counters;

    public void AddOutput(int rows)
    {
        Interlocked.Add(ref _outputRows, rows);
        Interlocked.Increment(ref _outputBatches);
    }

    public void AddElapsed(long stopwatchTicks) => Interlocked.Add(ref _elapsedTicks, stopwatchTicks);

    public void Add(string counter, long value) => _counters.AddOrUpdate(counter, value, (_, old) => old + value);
}
