using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Federation.Testing.Faults;

/// <summary>
/// A TCP proxy on loopback in front of an S3-compatible server (s3rver) that speaks just enough HTTP/1.1 to fail a
/// share of the requests the way S3 and networks fail: 503 SlowDown and 500 InternalError with S3's XML error bodies,
/// a reset connection, a body cut short of its Content-Length, a stall before the real answer. Which requests fail, and
/// how, is drawn from a seeded random sequence; every fault is counted by kind, so a test can check that the faults
/// happened. Requests are forwarded byte for byte (the Host header kept), so SigV4 signatures hold.
/// </summary>
public sealed class FaultInjectingS3Proxy : IAsyncDisposable
{
    private static readonly FaultKind[] Kinds = Enum.GetValues<FaultKind>();
    private static readonly string[] HopByHop = ["Transfer-Encoding", "Content-Length", "Connection", "Keep-Alive"];

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly Random _random;
    private readonly long[] _injected = new long[Kinds.Length];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;
    private long _requests;
    private int _drawn;

    public FaultInjectingS3Proxy(string targetEndpoint, FaultInjectionOptions options)
    {
        var target = new Uri(targetEndpoint);
        _targetHost = target.Host;
        _targetPort = target.Port;
        Options = options;
        _random = new Random(options.Seed);
        _listener.Start();
        Endpoint = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accepting = AcceptAsync();
    }

    /// <summary>Where clients connect instead of the server.</summary>
    public string Endpoint { get; }

    public FaultInjectionOptions Options { get; }

    /// <summary>While false, every request is forwarded plainly (no draws are made).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests that arrived, faulted or not.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Faults injected of one kind.</summary>
    public long Injected(FaultKind kind) => Interlocked.Read(ref _injected[(int)kind]);

    public long InjectedTotal => Kinds.Sum(Injected);

    public override string ToString() =>
        $"{Requests} requests, faults: " + string.Join(", ", Kinds.Select(k => $"{k}={Injected(k)}"));

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_connections)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(ServeAsync(client));
            }
        }
    }

    /// <summary>One client connection: its requests in turn, each forwarded on a connection of its own or failed.</summary>
    private async Task ServeAsync(TcpClient client)
    {
        using var connection = client;
        var token = _stop.Token;

        // Each message goes out in one write with Nagle off: a head and a body in two segments would otherwise wait
        // for the delayed ACK of the first (tens of milliseconds a request on loopback).
        client.NoDelay = true;
        try
        {
            var stream = client.GetStream();
            var reader = new HttpWireReader(stream);
            while (await reader.ReadHeadAsync(token) is { } request)
            {
                if (string.Equals(request.Header("Expect"), "100-continue", StringComparison.OrdinalIgnoreCase))
                {
                    await stream.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), token);
                }

                var body = await reader.ReadBodyAsync(request, untilClose: false, token);
                var number = Interlocked.Increment(ref _requests);
                var fault = Enabled ? Draw() : null;
                switch (fault)
                {
                    case FaultKind.SlowDown:
                        await ErrorAsync(stream, request, "503 Slow Down", "SlowDown", "Please reduce your request rate.", number, token);
                        continue;
                    case FaultKind.InternalError:
                        await ErrorAsync(stream, request, "500 Internal Server Error", "InternalError", "We encountered an internal error. Please try again.", number, token);
                        continue;
                    case FaultKind.ResetConnection:
                        Reset(client, FaultKind.ResetConnection);
                        return;
                    case FaultKind.Stall:
                        Count(FaultKind.Stall);
                        await Task.Delay(Options.StallDuration, token);
                        break;
                }

                var (head, content) = await ForwardAsync(request, body, token);
                var isHead = request.Method == "HEAD";
                if (fault == FaultKind.TruncatedBody)
                {
                    if (content.Length < 2)
                    {
                        // Nothing to cut short (a HEAD, an empty body): the connection drops instead.
                        Reset(client, FaultKind.ResetConnection);
                        return;
                    }

                    Count(FaultKind.TruncatedBody);
                    await stream.WriteAsync(Concat(head.Encode(HopByHop, ("Content-Length", content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                        content.AsSpan(0, content.Length / 2)), token);
                    await stream.FlushAsync(token);
                    client.Client.Shutdown(SocketShutdown.Send);
                    return;
                }

                // A HEAD answer keeps the Content-Length of the object it describes; others get their body's.
                var encoded = isHead ? head.Encode(HopByHop.Where(h => h != "Content-Length").ToArray())
                    : head.Encode(HopByHop, ("Content-Length", content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                await stream.WriteAsync(Concat(encoded, content), token);
                if (string.Equals(request.Header("Connection"), "close", StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, or the proxy is stopping.
        }
    }

    /// <summary>The request sent to the server on a fresh connection, and its final answer (interim 1xx answers skipped).</summary>
    private async Task<(HttpHead Head, byte[] Body)> ForwardAsync(HttpHead request, byte[] body, CancellationToken cancellationToken)
    {
        using var upstream = new TcpClient { NoDelay = true };
        await upstream.ConnectAsync(_targetHost, _targetPort, cancellationToken);
        var stream = upstream.GetStream();
        var dropped = request.Header("Transfer-Encoding") is null ? Array.Empty<string>() : ["Transfer-Encoding", "Content-Length"];
        var head = dropped.Length == 0 ? request.Encode(dropped)
            : request.Encode(dropped, ("Content-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await stream.WriteAsync(Concat(head, body), cancellationToken);

        var reader = new HttpWireReader(stream);
        while (true)
        {
            var answer = await reader.ReadHeadAsync(cancellationToken) ?? throw new IOException("the server closed the connection without an answer");
            if (answer.Status is >= 100 and < 200)
            {
                continue;
            }

            var noBody = request.Method == "HEAD" || answer.Status is 204 or 304;
            return (answer, noBody ? [] : await reader.ReadBodyAsync(answer, untilClose: true, cancellationToken));
        }
    }

    private async Task ErrorAsync(NetworkStream stream, HttpHead request, string status, string code, string message, long number, CancellationToken cancellationToken)
    {
        Count(code == "SlowDown" ? FaultKind.SlowDown : FaultKind.InternalError);
        var body = Encoding.UTF8.GetBytes(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message><RequestId>fault-{number}</RequestId></Error>");
        var send = request.Method == "HEAD" ? [] : body;
        var head = $"HTTP/1.1 {status}\r\nContent-Type: application/xml\r\nx-amz-request-id: fault-{number}\r\nContent-Length: {send.Length}\r\n\r\n";
        await stream.WriteAsync(Concat(Encoding.ASCII.GetBytes(head), send), cancellationToken);
    }

    /// <summary>Closes the client's connection with a TCP reset (linger 0), as a crashing or overloaded front end does.</summary>
    private void Reset(TcpClient client, FaultKind kind)
    {
        Count(kind);
        client.Client.LingerState = new LingerOption(true, 0);
        client.Client.Close();
    }

    private static byte[] Concat(ReadOnlySpan<byte> head, ReadOnlySpan<byte> body)
    {
        var message = new byte[head.Length + body.Length];
        head.CopyTo(message);
        body.CopyTo(message.AsSpan(head.Length));
        return message;
    }

    private void Count(FaultKind kind) => Interlocked.Increment(ref _injected[(int)kind]);

    /// <summary>The fault for the next request, or null to forward it plainly.</summary>
    private FaultKind? Draw()
    {
        lock (_random)
        {
            if (_random.NextDouble() >= Options.Fraction || (Options.MaxFaults is { } limit && _drawn >= limit))
            {
                return null;
            }

            _drawn++;

            var total = Kinds.Sum(Options.WeightOf);
            var pick = _random.NextDouble() * total;
            foreach (var kind in Kinds)
            {
                pick -= Options.WeightOf(kind);
                if (pick < 0 && Options.WeightOf(kind) > 0)
                {
                    return kind;
                }
            }

            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] open;
        lock (_connections)
        {
            open = [.. _connections];
        }

        await Task.WhenAll(open);
        _stop.Dispose();
    }
}
