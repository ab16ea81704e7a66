using Apache.Arrow.Flight;
using Apache.Arrow.Flight.Client;
using Federation.Exchange;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;

namespace Federation.Worker;

/// <summary>
/// Joins this worker to a coordinator's pool and keeps it there: every <see cref="WorkerOptions.HeartbeatMilliseconds"/>
/// a signed <see cref="WorkerHeartbeat"/> goes to the coordinator as a DoAction. The worker pushes rather than the
/// coordinator polling, so a worker joins by being started with the coordinator's address and nothing has to be
/// configured on the coordinator; a coordinator that is down or restarting is retried every interval, and takes the
/// worker back with its next heartbeat. One not reached for <see cref="WorkerOptions.CoordinatorLostExit"/> is given
/// up (<see cref="Lost"/>). On shutdown a last heartbeat says it is leaving, so it gets no new fragments.
/// </summary>
public sealed partial class CoordinatorHeartbeat : IAsyncDisposable
{
    private readonly WorkerOptions _options;
    private readonly ClusterSecret _secret;
    private readonly WorkerLoad _load;
    private readonly string _location;
    private readonly ILogger _logger;
    private readonly GrpcChannel _channel;
    private readonly FlightClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;
    private readonly TaskCompletionSource<string> _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider _clock;
    private long _lastReached;
    private Task _loop = Task.CompletedTask;
    private long _sequence;
    private bool _joined;

    /// <param name="clock">What the heartbeat interval and the time without reaching the coordinator are measured on.</param>
    public CoordinatorHeartbeat(WorkerOptions options, ClusterSecret secret, WorkerLoad load, string location, ILogger logger, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _lastReached = _clock.GetTimestamp();
        _options = options;
        _secret = secret;
        _load = load;
        _location = location;
        _logger = logger;
        _channel = GrpcChannel.ForAddress(CoordinatorAddress(options.Coordinator!));
        _client = new FlightClient(_channel);
    }

    /// <summary>
    /// Completes, saying why, when no heartbeat has reached the coordinator for <see cref="WorkerOptions.CoordinatorLostExit"/>
    /// (never when that is 0); the heartbeats stop then.
    /// </summary>
    public Task<string> Lost => _lost.Task;

    /// <summary>This worker process's identity in the pool.</summary>
    public string WorkerId { get; } = "w-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>host:port, or a URL (http://, https://, grpc+tcp://, grpc+tls://) of the coordinator.</summary>
    public static Uri CoordinatorAddress(string text)
    {
        var address = text.Trim();
        if (address.StartsWith("grpc+tcp://", StringComparison.OrdinalIgnoreCase))
        {
            address = "http://" + address["grpc+tcp://".Length..];
        }
        else if (address.StartsWith("grpc+tls://", StringComparison.OrdinalIgnoreCase))
        {
            address = "https://" + address["grpc+tls://".Length..];
        }
        else if (!address.Contains("://", StringComparison.Ordinal))
        {
            address = "http://" + address;
        }

        return Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Port > 0
            ? uri
            : throw new InvalidOperationException($"Coordinator: \"{text}\" is not host:port or a URL of the coordinator");
    }

    public void Start() => _loop = RunAsync(_stop.Token);

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromMilliseconds(_options.HeartbeatMilliseconds);
        var lostAfter = _options.CoordinatorLostExit;
        while (!cancellationToken.IsCancellationRequested)
        {
            await SendAsync(leaving: false, cancellationToken).ConfigureAwait(false);
            if (lostAfter > TimeSpan.Zero && _clock.GetElapsedTime(Interlocked.Read(ref _lastReached)) >= lostAfter)
            {
                var reason = $"no heartbeat reached the coordinator {_options.Coordinator} for {_options.CoordinatorLostExitSeconds} s (CoordinatorLostExitSeconds)";
                LogLost(reason);
                _lost.TrySetResult(reason);
                return;
            }

            try
            {
                await Task.Delay(interval, _clock, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SendAsync(bool leaving, CancellationToken cancellationToken)
    {
        var heartbeat = new WorkerHeartbeat(WorkerId, _location, Interlocked.Increment(ref _sequence), DateTimeOffset.UtcNow, _startedAt, _load.Running,
            _load.Completed, _load.Failed, leaving);
        try
        {
            // A heartbeat that takes longer than its interval is as good as lost.
            using var call = _client.DoAction(new FlightAction(WorkerHeartbeat.ActionType, ByteString.CopyFrom(heartbeat.Sign(_secret))), null,
                DateTime.UtcNow.AddMilliseconds(Math.Max(1_000, _options.HeartbeatMilliseconds * 2)), cancellationToken);
            while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
            }

            Interlocked.Exchange(ref _lastReached, _clock.GetTimestamp());
            if (!_joined)
            {
                _joined = true;
                LogJoined(_options.Coordinator!, WorkerId);
            }
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            // The coordinator may be starting or restarting: the next heartbeat tries again.
            if (_joined || _sequence == 1)
            {
                LogUnreachable(_options.Coordinator!, e.Status.Detail);
            }

            _joined = false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Stops the heartbeats and tells the coordinator this worker is leaving.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await SendAsync(leaving: true, timeout.Token).ConfigureAwait(false);
        }

        _channel.Dispose();
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "joined the pool of coordinator {Coordinator} as {Worker}")]
    private partial void LogJoined(string coordinator, string worker);

    [LoggerMessage(Level = LogLevel.Warning, Message = "coordinator {Coordinator} unreachable, retrying every heartbeat: {Reason}")]
    private partial void LogUnreachable(string coordinator, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "giving the coordinator up: {Reason}")]
    private partial void LogLost(string reason);
}
