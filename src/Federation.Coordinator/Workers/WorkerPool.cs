using System.Net;
using Federation.Engine.Workers;
using Federation.Exchange;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Federation.Coordinator.Workers;

/// <summary>
/// The workers this coordinator may send fragments to. A worker joins with its first signed heartbeat (a DoAction
/// <see cref="WorkerHeartbeat.ActionType"/>), stays while heartbeats keep coming, and is dropped when one says it is
/// leaving or none has come for <see cref="WorkerPoolOptions.HeartbeatTimeout"/>. A worker a fragment failed to reach
/// is suspect: it gets no new fragments until its next heartbeat shows it alive. Each worker has
/// <see cref="WorkerPoolOptions.FragmentsPerWorker"/> slots; <see cref="AcquireAsync"/> waits for a free one on the
/// least busy live worker, so a worker that joins while queries run takes fragments at once.
/// </summary>
public sealed partial class WorkerPool : IDisposable
{
    private readonly object _lock = new();
    private long _failedAttempts;
    private readonly Dictionary<string, PooledWorker> _workers = new(StringComparer.Ordinal);
    private readonly ClusterSecret? _secret;
    private readonly TimeProvider _clock;
    private readonly ILogger<WorkerPool> _logger;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WorkerPool(ClusterSecret? secret, WorkerPoolOptions options, TimeProvider clock, ILogger<WorkerPool> logger)
    {
        _secret = secret;
        Options = options;
        _clock = clock;
        _logger = logger;
    }

    public WorkerPoolOptions Options { get; }

    /// <summary>The secret fragment tickets are signed with; null: this coordinator takes no workers.</summary>
    public ClusterSecret? Secret => _secret;

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    /// <summary>Takes a worker's heartbeat (the DoAction body) from <paramref name="peer"/>; a heartbeat not signed with the cluster secret is refused.</summary>
    public void Accept(ReadOnlySpan<byte> body, string peer)
    {
        if (_secret is null)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                "this coordinator has no cluster secret (FED_CLUSTER_SECRET, ClusterSecret): it takes no workers"));
        }

        WorkerHeartbeat heartbeat;
        try
        {
            heartbeat = WorkerHeartbeat.Verify(body, _secret, _clock.GetUtcNow());
        }
        catch (TicketRejectedException e)
        {
            LogRefused(peer, e.Message);
            throw new RpcException(new Status(StatusCode.Unauthenticated, "worker heartbeat refused: " + e.Message));
        }

        var now = Now;
        lock (_lock)
        {
            Prune(now);
            if (_workers.TryGetValue(heartbeat.WorkerId, out var worker))
            {
                if (heartbeat.Sequence <= worker.Heartbeat.Sequence)
                {
                    throw new RpcException(new Status(StatusCode.Unauthenticated,
                        $"worker heartbeat refused: sequence {heartbeat.Sequence} of {heartbeat.WorkerId} is not after {worker.Heartbeat.Sequence} (replayed)"));
                }

                worker.Heartbeat = heartbeat;
                worker.LastHeartbeat = now;
                if (heartbeat.Leaving)
                {
                    Remove(worker);
                    LogLeft(worker.Id, worker.Location);
                }
                else if (worker.SuspectSince is { } since && heartbeat.SentAt.UtcDateTime > since)
                {
                    worker.SuspectSince = null;
                }
            }
            else if (!heartbeat.Leaving)
            {
                worker = new PooledWorker(heartbeat, Reachable(heartbeat.Location, peer), now);
                _workers.Add(worker.Id, worker);
                LogJoined(worker.Id, worker.Location);
            }

            Signal();
        }
    }

    /// <summary>
    /// Fragment attempts that failed for reasons of their worker since the pool started, the workers dropped since
    /// included: how often fragments had to run again elsewhere.
    /// </summary>
    public long FailedAttempts
    {
        get
        {
            lock (_lock)
            {
                return _failedAttempts;
            }
        }
    }

    /// <summary>Whether some worker is alive now.</summary>
    public bool HasLiveWorkers
    {
        get
        {
            var now = Now;
            lock (_lock)
            {
                Prune(now);
                foreach (var worker in _workers.Values)
                {
                    if (IsLive(worker, now))
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }

    /// <summary>
    /// A slot on the least busy live worker, preferring those not in <paramref name="avoid"/> (workers this fragment
    /// already failed on); waits while every live worker is full. Null when no worker is alive: the caller runs the
    /// fragment itself rather than wait for one that may never come.
    /// </summary>
    internal async Task<WorkerLease?> AcquireAsync(IReadOnlySet<string> avoid, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            var now = Now;
            lock (_lock)
            {
                Prune(now);
                PooledWorker? best = null;
                PooledWorker? avoided = null;
                var liveElsewhere = false;
                foreach (var worker in _workers.Values)
                {
                    if (!IsLive(worker, now))
                    {
                        continue;
                    }

                    var shunned = avoid.Contains(worker.Id);
                    liveElsewhere |= !shunned;
                    if (worker.Running >= Options.FragmentsPerWorker)
                    {
                        continue;
                    }

                    if (shunned)
                    {
                        avoided = avoided is null || worker.Running < avoided.Running ? worker : avoided;
                    }
                    else if (best is null || worker.Running < best.Running)
                    {
                        best = worker;
                    }
                }

                // A worker this fragment failed on only when no other is alive: better than failing the query.
                best ??= liveElsewhere ? null : avoided;
                if (best is not null)
                {
                    best.Running++;
                    best.Dispatched++;
                    return new WorkerLease(this, best);
                }

                if (!AnyLive(now))
                {
                    return null;
                }

                changed = _changed.Task;
            }

            // Re-checked now and then as well: a worker's heartbeats stopping changes nothing here by itself.
            await Task.WhenAny(changed, Task.Delay(200, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>A fragment could not be run on <paramref name="worker"/> for a reason of the worker's: it gets none until its next heartbeat.</summary>
    internal void MarkFailed(PooledWorker worker, string reason)
    {
        lock (_lock)
        {
            worker.Failed++;
            _failedAttempts++;
            worker.SuspectSince = Now;
            Signal();
        }

        LogSuspect(worker.Id, worker.Location, reason);
    }

    /// <summary>A fragment completed on <paramref name="worker"/>, which read these bytes from storage and returned these rows and Arrow bytes.</summary>
    internal void Completed(PooledWorker worker, long bytesRead, long rows, long bytes)
    {
        lock (_lock)
        {
            worker.BytesRead += bytesRead;
            worker.RowsReturned += rows;
            worker.BytesReturned += bytes;
        }
    }

    internal void Release(PooledWorker worker)
    {
        lock (_lock)
        {
            worker.Running--;
            if (worker.Removed && worker.Running == 0)
            {
                worker.Channel.Dispose();
            }

            Signal();
        }
    }

    /// <summary>Every worker in the pool now, with its state and load.</summary>
    public IReadOnlyList<WorkerStatus> Snapshot()
    {
        var now = Now;
        lock (_lock)
        {
            Prune(now);
            var rows = new List<WorkerStatus>(_workers.Count);
            foreach (var w in _workers.Values)
            {
                rows.Add(new WorkerStatus(w.Id, w.Location, w.SuspectSince is null ? "live" : "suspect", w.Running, Options.FragmentsPerWorker,
                    w.Heartbeat.RunningFragments, w.Heartbeat.CompletedFragments, w.Dispatched, w.Failed, w.BytesRead, w.RowsReturned, w.BytesReturned, w.JoinedAt,
                    w.LastHeartbeat));
            }

            rows.Sort((a, b) => a.JoinedAt.CompareTo(b.JoinedAt));
            return rows;
        }
    }

    private bool IsLive(PooledWorker worker, DateTime now) => worker.SuspectSince is null && now - worker.LastHeartbeat <= Options.HeartbeatTimeout;

    private bool AnyLive(DateTime now)
    {
        foreach (var worker in _workers.Values)
        {
            if (IsLive(worker, now))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Drops the workers whose heartbeats stopped.</summary>
    private void Prune(DateTime now)
    {
        List<PooledWorker>? dead = null;
        foreach (var worker in _workers.Values)
        {
            if (now - worker.LastHeartbeat > Options.HeartbeatTimeout)
            {
                (dead ??= []).Add(worker);
            }
        }

        foreach (var worker in dead ?? [])
        {
            Remove(worker);
            LogDropped(worker.Id, worker.Location, (now - worker.LastHeartbeat).TotalMilliseconds);
        }
    }

    private void Remove(PooledWorker worker)
    {
        _workers.Remove(worker.Id);
        worker.Removed = true;
        if (worker.Running == 0)
        {
            worker.Channel.Dispose();
        }
    }

    private void Signal()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    /// <summary>The worker's location, with a wildcard host (it listens on every address) replaced by the one its heartbeat came from.</summary>
    private static string Reachable(string location, string peer)
    {
        if (!Uri.TryCreate(location, UriKind.Absolute, out var uri)
            || !(uri.Host is "0.0.0.0" or "[::]" or "::"))
        {
            return location;
        }

        // gRPC peers read "ipv4:10.0.0.5:51234" or "ipv6:[fd00::5]:51234".
        var colon = peer.IndexOf(':', StringComparison.Ordinal);
        var end = peer.LastIndexOf(':');
        if (colon < 0 || end <= colon || !IPAddress.TryParse(peer[(colon + 1)..end].Trim('[', ']'), out var address))
        {
            return location;
        }

        var host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return $"{uri.Scheme}://{host}:{uri.Port}";
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var worker in _workers.Values)
            {
                worker.Channel.Dispose();
            }

            _workers.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "worker {Worker} joined the pool at {Location}")]
    private partial void LogJoined(string worker, string location);

    [LoggerMessage(Level = LogLevel.Warning, Message = "worker {Worker} at {Location} left the pool")]
    private partial void LogLeft(string worker, string location);

    [LoggerMessage(Level = LogLevel.Warning, Message = "worker {Worker} at {Location} dropped: no heartbeat for {Milliseconds} ms")]
    private partial void LogDropped(string worker, string location, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "worker {Worker} at {Location} is suspect until its next heartbeat: {Reason}")]
    private partial void LogSuspect(string worker, string location, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "refused a worker heartbeat from {Peer}: {Reason}")]
    private partial void LogRefused(string peer, string reason);
}
