using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Federation.Storage.Tests;

/// <summary>
/// A real HTTP endpoint in front of s3rver that answers the first <see cref="Failures"/> requests the way a
/// throttled S3 does (503 SlowDown) and forwards the rest unchanged (the Host header kept, so signatures hold).
/// </summary>
public sealed class ThrottlingS3Proxy : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _forward = new();
    private readonly Uri _target;
    private readonly Task _loop;
    private int _requests;

    public ThrottlingS3Proxy(string targetEndpoint, int failures)
    {
        _target = new Uri(targetEndpoint);
        Failures = failures;
        var port = FreePort();
        Endpoint = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Endpoint { get; }

    public int Failures { get; }

    /// <summary>Requests received, refused ones included.</summary>
    public int Requests => Volatile.Read(ref _requests);

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
        var number = Interlocked.Increment(ref _requests);
        var response = context.Response;
        try
        {
            if (number <= Failures)
            {
                response.StatusCode = 503;
                response.ContentType = "application/xml";
                var body = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>");
                await response.OutputStream.WriteAsync(body);
                return;
            }

            var request = context.Request;
            using var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), new Uri(_target, request.RawUrl));
            if (request.HasEntityBody)
            {
                using var buffer = new MemoryStream();
                await request.InputStream.CopyToAsync(buffer);
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

            using var answer = await _forward.SendAsync(forward);
            response.StatusCode = (int)answer.StatusCode;
            foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
            {
                if (!name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    response.Headers[name] = string.Join(",", values);
                }
            }

            var content = await answer.Content.ReadAsByteArrayAsync();
            response.ContentLength64 = content.Length;
            await response.OutputStream.WriteAsync(content);
        }
        finally
        {
            response.Close();
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
        _listener.Stop();
        _listener.Close();
        _forward.Dispose();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener's loop ends with the listener.
        }
    }
}
