using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Internal.Auth;
using Federation.Common;
using Polly;
using Polly.Retry;

namespace Federation.Catalog.Glue;

/// <summary>
/// Glue's JSON 1.1 protocol: every operation is a POST of a JSON body to the endpoint's root with
/// <c>X-Amz-Target: AWSGlue.Operation</c>, signed with SigV4 (service "glue") by AWSSDK.Core's signer. Errors come
/// back as a JSON body whose <c>__type</c> names the exception; throttling and 5xx are retried by a Polly pipeline
/// with exponential backoff and jitter, a bounded number of times. A refused connection is CatalogUnavailable naming
/// the endpoint.
/// </summary>
public sealed class GlueClient : IDisposable
{
    private const string Service = "glue";

    private readonly HttpClient _http;
    private readonly ResiliencePipeline _retry;
    private readonly AWSCredentials _credentials;

    public GlueClient(GlueOptions options)
    {
        Options = options;
        Endpoint = options.EndpointUri;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) }) { Timeout = options.RequestTimeout };
        _credentials = options.Credentials ?? DefaultAWSCredentialsIdentityResolver.GetCredentials();
        _retry = options.MaxRetries <= 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<GlueServiceException>(e => e.IsTransient),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
            }).Build();
    }

    public GlueOptions Options { get; }

    public Uri Endpoint { get; }

    /// <summary>Calls <paramref name="operation"/> with the body <paramref name="writeBody"/> writes; the answer's JSON, or a <see cref="GlueServiceException"/>.</summary>
    public async Task<JsonDocument> CallAsync(string operation, Action<Utf8JsonWriter> writeBody, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (Options.CatalogId is { } catalogId)
            {
                writer.WriteString("CatalogId", catalogId);
            }

            writeBody(writer);
            writer.WriteEndObject();
        }

        var body = buffer.WrittenMemory.ToArray();
        return await _retry.ExecuteAsync(async ct => await SendAsync(operation, body, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonDocument> SendAsync(string operation, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.1");
        await SignAsync(request, operation, body).ConfigureAwait(false);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException || e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            throw new FederationException(ErrorCode.CatalogUnavailable, $"the Glue endpoint {Endpoint} cannot be reached: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FederationException(ErrorCode.CatalogUnavailable, $"the Glue endpoint {Endpoint} did not answer {operation} within {Options.RequestTimeout.TotalSeconds:0} s", e);
        }

        using (response)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return JsonDocument.Parse(bytes.Length == 0 ? "{}"u8.ToArray() : bytes);
                }
                catch (JsonException e)
                {
                    // A proxy's page or a cut answer: not Glue's, so not retried, and said as such rather than a bare parser error.
                    var start = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 80));
                    throw new FederationException(ErrorCode.CatalogUnavailable,
                        $"the Glue endpoint {Endpoint} answered {operation} with {bytes.Length} bytes that are not JSON ({e.Message}), starting '{start}'", e);
                }
            }

            throw ErrorOf(response.StatusCode, response.Headers, bytes);
        }
    }

    /// <summary>The error in a failed answer: <c>__type</c> (or the x-amzn-ErrorType header), namespace and suffix after ':' removed, and its message.</summary>
    private static GlueServiceException ErrorOf(HttpStatusCode status, System.Net.Http.Headers.HttpResponseHeaders headers, byte[] bytes)
    {
        string? type = null;
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals("__type") || property.NameEquals("code"))
                {
                    type ??= property.Value.GetString();
                }
                else if (property.Name.Equals("message", StringComparison.OrdinalIgnoreCase))
                {
                    message ??= property.Value.GetString();
                }
            }
        }
        catch (JsonException)
        {
            message = Encoding.UTF8.GetString(bytes);
        }

        if (type is null && headers.TryGetValues("x-amzn-ErrorType", out var values))
        {
            type = values.FirstOrDefault();
        }

        type ??= $"HTTP {(int)status}";
        var colon = type.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            type = type[..colon];
        }

        var hash = type.LastIndexOf('#');
        if (hash >= 0)
        {
            type = type[(hash + 1)..];
        }

        return new GlueServiceException(type, message ?? "", (int)status);
    }

    /// <summary>SigV4 over host, x-amz-date, x-amz-target (and the session token): the canonical request built here, the signature by AWSSDK.Core.</summary>
    private async Task SignAsync(HttpRequestMessage request, string operation, byte[] body)
    {
        var credentials = await _credentials.GetCredentialsAsync().ConfigureAwait(false);
        var now = DateTime.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var target = "AWSGlue." + operation;
        var host = Endpoint.IsDefaultPort ? Endpoint.Host : $"{Endpoint.Host}:{Endpoint.Port.ToString(CultureInfo.InvariantCulture)}";
        var payloadHash = Convert.ToHexStringLower(SHA256.HashData(body));
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-type"] = "application/x-amz-json-1.1",
            ["host"] = host,
            ["x-amz-date"] = amzDate,
            ["x-amz-target"] = target,
        };
        if (credentials.UseToken)
        {
            headers["x-amz-security-token"] = credentials.Token;
        }

        var canonicalHeaders = new StringBuilder();
        foreach (var (name, value) in headers)
        {
            canonicalHeaders.Append(name).Append(':').Append(value.Trim()).Append('\n');
        }

        var signedHeaders = string.Join(";", headers.Keys);
        var path = string.IsNullOrEmpty(Endpoint.AbsolutePath) ? "/" : Endpoint.AbsolutePath;
        var canonicalRequest = $"POST\n{path}\n\n{canonicalHeaders}\n{signedHeaders}\n{payloadHash}";
        var result = AWS4Signer.ComputeSignature(credentials, Options.Region, now, Service, signedHeaders, canonicalRequest);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        if (credentials.UseToken)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);
        }

        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={credentials.AccessKey}/{now:yyyyMMdd}/{Options.Region}/{Service}/aws4_request, SignedHeaders={signedHeaders}, Signature={result.Signature}");
    }

    public void Dispose() => _http.Dispose();
}
