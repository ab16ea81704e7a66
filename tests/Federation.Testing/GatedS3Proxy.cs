using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Federation.Testing;

/// <summary>
/// A real HTTP endpoint in front of s3rver that forwards every request unchanged (the Host header kept, so signatures
/// hold), except those a closed <see cref="S3Gate"/> holds. A process pointed at it (AWS_ENDPOINT_URL_S3) reads such
/// an object only when the test lets it, so a scan over it cannot finish before then: what a test needs to act while
/// a query or a fragment is surely still running, with no timing involved.
/// </summary>
public sealed class GatedS3Proxy : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _forward = new();
    private readonly Uri _target;
    private readonly Task _loop;
    private readonly ConcurrentDictionary<S3Gate, bool> _gates = new();
    private readonly CancellationTokenSource _closing = new();

    /// <param name="targetEndpoint">The s3rver to forward to.</param>
    public GatedS3Proxy(string targetEndpoint)
    {
        _target = new Uri(targetEndpoint);
        Endpoint = $"http://127.0.0.1:{FreePort()}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>Where to point AWS_ENDPOINT_URL_S3.</summary>
    public string Endpoint { get; }

    /// <summary>From now on, requests whose path (/bucket/key, unescaped) <paramref name="holds"/> matches wait until the gate opens.</summary>
    public S3Gate Close(Func<string, bool> holds)
    {
        var gate = new S3Gate(holds);
        _gates[gate] = true;
        return gate;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var request = context.Request;
            var path = Uri.UnescapeDataString(request.Url!.AbsolutePath);
            foreach (var gate in _gates.Keys)
            {
                await gate.PassAsync(path, _closing.Token);
            }

            using var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), new Uri(_target, request.RawUrl));
            if (request.HasEntityBody)
            {
                using var buffer = new MemoryStream();
                await request.InputStream.CopyToAsync(buffer, _closing.Token);
                forward.Content = new ByteArrayContent(buffer.ToArray());
            }

            foreach (var name in request.Headers.AllKeys)
            {
                if (name is null || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var value = request.Headers[name]!;
                if (!forward.Headers.TryAddWithoutValidation(name, value))
                {
                    forward.Content?.Headers.TryAddWithoutValidation(name, value);
                }
            }

            using var answer = await _forward.SendAsync(forward, _closing.Token);
            response.StatusCode = (int)answer.StatusCode;
            foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
            {
                if (!name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    response.Headers[name] = string.Join(",", values);
                }
            }

            var content = await answer.Content.ReadAsByteArrayAsync(_closing.Token);
            response.ContentLength64 = content.Length;
            await response.OutputStream.WriteAsync(content, _closing.Token);
            response.Close();
        }
        catch (Exception e) when (e is OperationCanceledException or HttpListenerException or IOException or ObjectDisposedException or HttpRequestException)
        {
            // The proxy is closing, or the reader went away (cancelled, or its process killed) while its request was held.
            try
            {
                response.Abort();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _closing.Cancel();
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener's loop ends with the listener.
        }

        _forward.Dispose();
        _closing.Dispose();
    }
}
