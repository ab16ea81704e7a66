using System.Collections.Concurrent;

namespace Federation.Execution;

/// <summary>
/// Everything one query's execution shares: cancellation, the memory budget, the batch size, the statement
/// clock, parameter values, and per-operator state and metrics. Operators are immutable; whatever they must
/// share across partitions of one execution (a join's build side) lives here, keyed by the operator.
/// </summary>
public sealed class TaskContext
{
    private readonly ConcurrentDictionary<object, object> _state = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<object, OperatorMetrics> _metrics = new(ReferenceEqualityComparer.Instance);

    /// <param name="processMemory">The pool every query of the process draws from as well as from its own limit; null for none.</param>
    /// <param name="spillSpace">Where operators that would pass the memory limit may spill; null: they fail at the limit.</param>
    public TaskContext(ExecutionOptions options, CancellationToken cancellationToken, long statementTimestampMicros, IReadOnlyList<object?>? parameters = null,
        MemoryPool? processMemory = null, SpillSpace? spillSpace = null)
    {
        Spill = spillSpace is not null && options.EnableSpill ? spillSpace.StartQuery() : null;
        Options = options;
        CancellationToken = cancellationToken;
        StatementTimestampMicros = statementTimestampMicros;
        Parameters = parameters ?? [];
        Memory = new MemoryPool(options.MemoryLimitBytes, processMemory);
        ScanErrors = new ScanErrors(options.SpectrumQueryMaxError);
    }

    public ExecutionOptions Options { get; }

    public CancellationToken CancellationToken { get; }

    public long StatementTimestampMicros { get; }

    /// <summary>Values bound to $1, $2, ... (index 0 is $1), as Federation.Common.Types.ScalarValue.</summary>
    public IReadOnlyList<object?> Parameters { get; }

    public MemoryPool Memory { get; }

    /// <summary>Values and rows the query's scans handled instead of failing, and its tolerance for bad rows.</summary>
    public ScanErrors ScanErrors { get; }

    /// <summary>This query's spill files, or null when it may not spill (SET enable_spill = off, or no spill folder).</summary>
    public QuerySpill? Spill { get; }

    /// <summary>Ends the query's claims: its memory goes back to the process and its spill files are deleted.</summary>
    public void Close()
    {
        Memory.Close();
        Spill?.Dispose();
    }

    public int BatchSize => Options.BatchSize;

    /// <summary>Shared state of one operator in this execution, created once however many partitions ask.</summary>
    public T GetOrCreateState<T>(object owner, Func<T> create)
        where T : class => (T)_state.GetOrAdd(owner, _ => create());

    public OperatorMetrics MetricsFor(object owner) => _metrics.GetOrAdd(owner, _ => new OperatorMetrics());

    public OperatorMetrics? FindMetrics(object owner) => _metrics.GetValueOrDefault(owner);
}
