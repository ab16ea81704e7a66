using System.Globalization;
using Federation.Common;

namespace Federation.Engine;

/// <summary>
/// The cancellation one statement runs under: its caller's (a client's cancel, a closed connection, the server
/// stopping) and, when the session sets statement_timeout, a timer started when the statement arrived. A query's
/// timer runs until its last row is read, so a client that reads slowly is held to the same limit.
/// </summary>
internal sealed class StatementDeadline : IDisposable
{
    private readonly CancellationToken _caller;
    private readonly CancellationTokenSource? _timer;

    public StatementDeadline(TimeSpan timeout, CancellationToken caller)
    {
        _caller = caller;
        Timeout = timeout;
        if (timeout > TimeSpan.Zero)
        {
            _timer = CancellationTokenSource.CreateLinkedTokenSource(caller);
            _timer.CancelAfter(timeout);
            Token = _timer.Token;
        }
        else
        {
            Token = caller;
        }
    }

    public CancellationToken Token { get; }

    public TimeSpan Timeout { get; }

    /// <summary>Whether there is a timer at all (statement_timeout is not 0).</summary>
    public bool Limited => _timer is not null;

    /// <summary>Whether the timer, not the caller, stopped the statement.</summary>
    public bool TimedOut => _timer is { IsCancellationRequested: true } && !_caller.IsCancellationRequested;

    /// <summary>The error a statement stopped by its timer reports instead of a plain cancellation.</summary>
    public FederationException Relabel(FederationException error) =>
        TimedOut && error.Code == ErrorCode.QueryCancelled
            ? new FederationException(ErrorCode.StatementTimeout,
                string.Create(CultureInfo.InvariantCulture, $"canceling statement due to statement timeout (statement_timeout = {SessionSettings.FormatDuration(Timeout)})"), error)
            : error;

    public void Dispose() => _timer?.Dispose();
}
