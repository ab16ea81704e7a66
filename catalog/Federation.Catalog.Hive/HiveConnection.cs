using System.Net.Sockets;
using Federation.Catalog.Hive.Api;
using Federation.Catalog.Hive.Thrift;

namespace Federation.Catalog.Hive;

/// <summary>
/// One socket to a metastore: calls go one at a time (Thrift has no multiplexing on a connection). A call that
/// fails on the wire leaves the connection <see cref="Broken"/>; the pool then closes it instead of reusing it.
/// </summary>
internal sealed class HiveConnection : IDisposable
{
    private readonly TcpClient _client;
    private readonly Stream _stream;
    private readonly ThriftTransport _transport;
    private int _sequence;

    private HiveConnection(TcpClient client, ThriftTransport transport)
    {
        _client = client;
        _stream = new BufferedStream(client.GetStream(), 8192);
        _transport = transport;
    }

    public bool Broken { get; private set; }

    public static async Task<HiveConnection> OpenAsync(HiveMetastoreOptions options, CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ConnectTimeout);
            await client.ConnectAsync(options.Host, options.Port, timeout.Token).ConfigureAwait(false);
            return new HiveConnection(client, options.Transport);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends one call and reads its reply. The reply's result struct holds field 0 (the return value, read by
    /// <paramref name="readSuccess"/>) or one of the declared exceptions, field k naming <paramref name="exceptions"/>[k-1].
    /// </summary>
    public async Task<T?> CallAsync<T>(string method, Action<ThriftWriter> writeArguments, Func<ThriftReader, ThriftType, T>? readSuccess,
        IReadOnlyList<string> exceptions, TimeSpan readTimeout, CancellationToken cancellationToken)
    {
        var writer = new ThriftWriter();
        var sequence = ++_sequence;
        writer.MessageBegin(method, ThriftMessageType.Call, sequence);
        writeArguments(writer);
        writer.FieldStop();

        byte[]? reply;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(readTimeout);
            Broken = true;
            await ThriftFraming.WriteAsync(_stream, _transport, writer.Written, timeout.Token).ConfigureAwait(false);
            reply = await ThriftFraming.ReadAsync(_stream, _transport, timeout.Token).ConfigureAwait(false)
                ?? throw new EndOfStreamException("the metastore closed the connection");
            Broken = false;
        }

        var reader = new ThriftReader(reply);
        var (name, type, replySequence) = reader.MessageBegin();
        if (type == ThriftMessageType.Exception)
        {
            throw reader.ApplicationException();
        }

        if (type != ThriftMessageType.Reply || name != method || replySequence != sequence)
        {
            Broken = true;
            throw new ThriftProtocolException($"expected the reply to {method} #{sequence}, got {type} {name} #{replySequence}");
        }

        T? result = default;
        while (reader.FieldBegin() is var (fieldType, id) && fieldType != ThriftType.Stop)
        {
            if (id == 0 && readSuccess is not null)
            {
                result = readSuccess(reader, fieldType);
            }
            else if (id > 0 && id <= exceptions.Count && fieldType == ThriftType.Struct)
            {
                throw ReadServiceException(reader, exceptions[id - 1]);
            }
            else
            {
                reader.Skip(fieldType);
            }
        }

        return result;
    }

    private static HiveServiceException ReadServiceException(ThriftReader reader, string typeName)
    {
        var message = "";
        while (reader.FieldBegin() is var (type, id) && type != ThriftType.Stop)
        {
            if (id == 1 && type == ThriftType.String)
            {
                message = reader.String();
            }
            else
            {
                reader.Skip(type);
            }
        }

        return new HiveServiceException(typeName, message);
    }

    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }
}
