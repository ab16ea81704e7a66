using Federation.Common.Types;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Physical;
using Federation.Physical.Tables;

namespace Federation.Testing;

/// <summary>
/// gate() (or another name): a one-row table (n bigint, the value 1) whose scan cannot finish until the test opens the gate. Registered in
/// an engine a test builds, it gives a query that is surely running when the test acts on it (cancels it, times it
/// out), with no timing involved: <see cref="Started"/> says the scan is waiting, and the query ends only when the test
/// calls <see cref="Open"/> or the query is cancelled.
/// </summary>
public sealed class GateTableFunction(string name = "gate") : ITableFunction
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => name;

    /// <summary>Completes when a scan of gate() first waits at the gate.</summary>
    public Task Started => _started.Task;

    /// <summary>Lets every scan of gate(), waiting or to come, return its row.</summary>
    public void Open() => _open.TrySetResult();

    public ITableProvider Create(IReadOnlyList<ScalarValue> arguments) =>
        arguments.Count == 0 ? new GateTable(this) : throw new ArgumentException($"{name}() takes no arguments");

    internal async Task PassAsync(CancellationToken cancellationToken)
    {
        _started.TrySetResult();
        await _open.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed class GateTable(GateTableFunction gate) : ITableProvider
    {
        public string Name => gate.Name + "()";

        public IReadOnlyList<TableColumn> Columns { get; } = [new("n", SqlType.Int64, Nullable: false)];

        public TableStatistics Statistics => TableStatistics.Unknown;

        public FilterPushdown SupportsFilter(Expr filter, IReadOnlyList<ScanColumn> columns) => FilterPushdown.Unsupported;

        public PhysicalOperator Scan(ScanRequest request) => new GateExec(gate, request.Columns);
    }
}
