using Federation.Common;
using Federation.Common.Types;
using Federation.Engine;

namespace Federation.Coordinator;

/// <summary>
/// A prepared statement a Flight SQL client holds a handle to: the session it was prepared in, and the parameter
/// values last bound to it through DoPut, which stay until the next bind (clients execute on the same handle).
/// </summary>
public sealed class OpenPreparedStatement(Session session, PreparedStatement statement)
{
    private IReadOnlyList<IReadOnlyList<ScalarValue>> _parameterSets = [];
    private long _lastUsed = Environment.TickCount64;

    public Session Session { get; } = session;

    public PreparedStatement Statement { get; } = statement;

    /// <summary>When a client last used the handle (Environment.TickCount64), for expiry.</summary>
    public long LastUsed => Interlocked.Read(ref _lastUsed);

    /// <summary>Replaces the bound parameter values: one set per row of the batches the client uploaded.</summary>
    public void Bind(IReadOnlyList<IReadOnlyList<ScalarValue>> parameterSets) => Volatile.Write(ref _parameterSets, parameterSets);

    /// <summary>
    /// The parameter sets one execution runs, one run each: a statement without parameters runs once with none;
    /// one with parameters needs values bound first.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<ScalarValue>> Runs()
    {
        var bound = Volatile.Read(ref _parameterSets);
        if (bound.Count > 0)
        {
            return bound;
        }

        if (Statement.ParameterTypes.Count == 0)
        {
            return [[]];
        }

        throw new FederationException(ErrorCode.InvalidArgument,
            $"the prepared statement has {Statement.ParameterTypes.Count} parameter(s) and no values are bound: bind them with DoPut(CommandPreparedStatementQuery) first");
    }

    public void Touch() => Interlocked.Exchange(ref _lastUsed, Environment.TickCount64);
}
