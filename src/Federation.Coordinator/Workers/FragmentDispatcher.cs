using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Apache.Arrow;
using Apache.Arrow.Flight;
using Federation.Common;
using Federation.Engine.Workers;
using Federation.Exchange;
using Federation.Execution;
using Google.Protobuf;
using Grpc.Core;
using Polly;
using Polly.Retry;

namespace Federation.Coordinator.Workers;

/// <summary>
/// Runs a scan's fragments on the pool (the engine's <see cref="IFragmentDispatcher"/>). Each fragment is one DoGet of
/// a signed ticket on a worker holding a free slot; its batches are kept until the fragment's last one (and its
/// <see cref="FragmentMetrics"/>) arrived, and only then handed on, so an attempt that fails part-way leaves nothing in
/// the result. A failure of the worker's (the call could not connect, the worker died or answered Unavailable, the
/// attempt passed <see cref="WorkerPoolOptions.FragmentTimeout"/>, a status without the worker's error code) runs the
/// fragment again on another live worker, through a Polly retry; an error the fragment itself caused, which the worker
/// marks with its "fed-error-code" trailer (a missing or corrupt object), ends the scan at once with that error.
/// </summary>
public sealed class FragmentDispatcher : IFragmentDispatcher
{
    private readonly WorkerPool _pool;
    private readonly ClusterSecret _secret;
    private readonly ResiliencePipeline _retry;

    public FragmentDispatcher(WorkerPool pool)
    {
        _pool = pool;
        _secret = pool.Secret ?? throw new InvalidOperationException("a pool of workers needs the cluster secret");
        _retry = pool.Options.FragmentRetries == 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<WorkerFailedException>(),
                    MaxRetryAttempts = pool.Options.FragmentRetries,
                    Delay = TimeSpan.FromMilliseconds(50),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                })
                .Build();
    }

    public long TargetFragmentBytes => _pool.Options.FragmentTargetBytes;

    public bool HasLiveWorkers => _pool.HasLiveWorkers;

    public bool RunsScansWithoutWorkers => _pool.Options.WithoutWorkers == ScansWithoutWorkers.RunHere;

    public IReadOnlyList<WorkerStatus> Workers() => _pool.Snapshot();

    public async IAsyncEnumerable<FragmentResult> RunAsync(IReadOnlyList<ScanFragment> fragments, Func<ScanFragment, CancellationToken, Task<FragmentResult>> runHere,
        MemoryPool memory, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var scan = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Started but not yet taken: bounds what a scan holds in memory, and is the back-pressure on dispatching.
        using var window = new SemaphoreSlim(_pool.Options.FragmentsPerScan);
        var completed = Channel.CreateUnbounded<FragmentResult>(new UnboundedChannelOptions { SingleReader = true });
        var dispatch = DispatchAllAsync(fragments, runHere, memory, window, completed.Writer, scan);
        try
        {
            await foreach (var result in completed.Reader.ReadAllAsync(scan.Token).ConfigureAwait(false))
            {
                try
                {
                    yield return result;
                }
                finally
                {
                    result.Held?.Dispose();
                }

                window.Release();
            }

            await dispatch.ConfigureAwait(false);
        }
        finally
        {
            // The caller stopped early (a LIMIT) or failed: the fragments still running are cancelled, their DoGets with them.
            await scan.CancelAsync().ConfigureAwait(false);
            await dispatch.ConfigureAwait(false);

            // Fragments completed but never taken give their memory back.
            while (completed.Reader.TryRead(out var left))
            {
                left.Held?.Dispose();
            }
        }
    }

    /// <summary>Starts each fragment as the window allows; the first error ends the scan (and cancels the rest).</summary>
    private async Task DispatchAllAsync(IReadOnlyList<ScanFragment> fragments, Func<ScanFragment, CancellationToken, Task<FragmentResult>> runHere,
        MemoryPool memory, SemaphoreSlim window, ChannelWriter<FragmentResult> completed, CancellationTokenSource scan)
    {
        var running = new List<Task>(fragments.Count);
        try
        {
            foreach (var fragment in fragments)
            {
                await window.WaitAsync(scan.Token).ConfigureAwait(false);
                running.Add(RunOneAsync(fragment, runHere, memory, completed, scan));
            }

            await Task.WhenAll(running).ConfigureAwait(false);
            completed.TryComplete();
        }
        catch (OperationCanceledException) when (scan.IsCancellationRequested)
        {
            completed.TryComplete(new OperationCanceledException(scan.Token));
        }

        try
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Each fragment's own error was already reported through the channel.
        }
    }

    private async Task RunOneAsync(ScanFragment fragment, Func<ScanFragment, CancellationToken, Task<FragmentResult>> runHere,
        MemoryPool memory, ChannelWriter<FragmentResult> completed, CancellationTokenSource scan)
    {
        try
        {
            var encoded = FragmentCodec.Encode(fragment);
            var failedOn = new HashSet<string>(StringComparer.Ordinal);
            var attempts = 0;
            var result = await _retry.ExecuteAsync(
                async token => await AttemptAsync(fragment, encoded, failedOn, ++attempts, runHere, memory, token).ConfigureAwait(false), scan.Token).ConfigureAwait(false);
            if (!completed.TryWrite(result))
            {
                result.Held?.Dispose();
            }
        }
        catch (OperationCanceledException) when (scan.IsCancellationRequested)
        {
        }
        catch (WorkerFailedException e)
        {
            completed.TryComplete(new FederationException(ErrorCode.WorkersUnavailable,
                $"fragment {fragment.Id} of {fragment.Table} failed on every worker it was sent to: {e.Message}"));
            await scan.CancelAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            completed.TryComplete(e);
            await scan.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>One attempt on one worker: the whole fragment, or an exception saying whose failure it was.</summary>
    private async ValueTask<FragmentResult> AttemptAsync(ScanFragment fragment, byte[] encoded, HashSet<string> failedOn, int attempt,
        Func<ScanFragment, CancellationToken, Task<FragmentResult>> runHere, MemoryPool memory, CancellationToken cancellationToken)
    {
        using var lease = await _pool.AcquireAsync(failedOn, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            // No worker is alive (every one left or failed): the coordinator reads the objects itself, if it may.
            return RunsScansWithoutWorkers
                ? await runHere(fragment, cancellationToken).ConfigureAwait(false) with { Attempts = attempt }
                : throw FragmentErrors.NoLiveWorker(fragment.Table);
        }

        var worker = lease.Worker;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_pool.Options.FragmentTimeout);
        var ticket = FragmentTicket.Sign(encoded, _secret, DateTimeOffset.UtcNow, _pool.Options.FragmentTimeout + FragmentTicket.ClockSkew);

        // What the attempt holds until its last batch arrived counts against the query's limit; a failed attempt returns it.
        MemoryReservation? held = memory.Reserve($"fragment output of {fragment.Table}");
        try
        {
            using var call = worker.Client.GetStream(new FlightTicket(ByteString.CopyFrom(ticket)), null, null, timeout.Token);
            var batches = new List<RecordBatch>();
            FragmentMetrics? metrics = null;
            long bytes = 0;
            while (await call.ResponseStream.MoveNext(timeout.Token).ConfigureAwait(false))
            {
                // The reader keeps a message's app_metadata only until the next read: take it with its batch.
                foreach (var metadata in call.ResponseStream.ApplicationMetadata)
                {
                    metrics = FragmentMetrics.FromBytes(metadata.Span);
                }

                var batch = call.ResponseStream.Current;
                if (batch.Length > 0)
                {
                    var size = Bytes(batch);
                    held.Grow(size);
                    bytes += size;
                    batches.Add(batch);
                }
            }

            // Metrics come after the last batch: without them the stream was cut short.
            if (metrics is null)
            {
                throw Failed(worker, failedOn, "the stream ended before the fragment's metrics");
            }

            _pool.Completed(worker, metrics["bytes_read"], metrics[FragmentMetrics.RowsReturned], bytes);
            var result = new FragmentResult(fragment, worker.Id, batches, metrics, bytes, attempt) { Held = held };
            held = null;
            return result;
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            if (FragmentErrorCode.Read(e.Trailers.GetValue(ErrorStatus.ErrorCodeTrailer), e.StatusCode) is { } errorCode && errorCode != ErrorCode.QueryCancelled)
            {
                // The fragment's own error (the worker ran it and it failed): the same on any worker.
                throw new FederationException(errorCode, QueryMessage(e.Status.Detail, fragment));
            }

            throw Failed(worker, failedOn, $"{e.StatusCode}: {e.Status.Detail}");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Failed(worker, failedOn, $"no answer in {_pool.Options.FragmentTimeout.TotalSeconds:F0} s");
        }
        catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw Failed(worker, failedOn, e.Message);
        }
        finally
        {
            held?.Dispose();
        }
    }

    /// <summary>
    /// The message of a fragment's own error as the query reports it: the engine's, exactly as when the scan runs in
    /// this process. The worker puts the fragment's id before it (for its log and whoever calls it directly); a query
    /// never sees fragment ids, and its error must not depend on where its objects were read.
    /// </summary>
    private static string QueryMessage(string detail, ScanFragment fragment)
    {
        var prefix = $"fragment {fragment.Id}: ";
        return detail.StartsWith(prefix, StringComparison.Ordinal) ? detail[prefix.Length..] : detail;
    }

    private WorkerFailedException Failed(PooledWorker worker, HashSet<string> failedOn, string reason)
    {
        failedOn.Add(worker.Id);
        _pool.MarkFailed(worker, reason);
        return new WorkerFailedException($"worker {worker.Id} at {worker.Location}: {reason}");
    }

    /// <summary>The Arrow bytes of a batch as received: what the worker sent back (buffers of every column and child).</summary>
    private static long Bytes(RecordBatch batch)
    {
        long total = 0;
        for (var c = 0; c < batch.ColumnCount; c++)
        {
            total += Bytes(batch.Column(c).Data);
        }

        return total;
    }

    private static long Bytes(ArrayData data)
    {
        long total = 0;
        foreach (var buffer in data.Buffers)
        {
            total += buffer.Length;
        }

        foreach (var child in data.Children ?? [])
        {
            total += Bytes(child);
        }

        return total;
    }

    /// <summary>An attempt failed for a reason of the worker's: worth running again elsewhere.</summary>
    private sealed class WorkerFailedException(string message) : Exception(message);
}
