using System.Globalization;
using System.Text;

namespace Federation.Testing.Faults;

/// <summary>
/// Reads HTTP/1.1 messages off a connection: the head (start line and headers) and a body framed by Content-Length or
/// chunked encoding. Just enough of RFC 9112 for a proxy between an S3 client and an S3-compatible server.
/// </summary>
internal sealed class HttpWireReader(Stream stream)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    /// <summary>The next message's head: its start line and headers; null when the peer closed before a new message began.</summary>
    public async Task<HttpHead?> ReadHeadAsync(CancellationToken cancellationToken)
    {
        var start = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (start is null)
        {
            return null;
        }

        var headers = new List<(string Name, string Value)>();
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? throw new IOException("the connection closed inside a message head");
            if (line.Length == 0)
            {
                return new HttpHead(start, headers);
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }
        }
    }

    /// <summary>A body of <paramref name="head"/>: Content-Length bytes, the chunks decoded, or (when <paramref name="untilClose"/>) all until the peer closes.</summary>
    public async Task<byte[]> ReadBodyAsync(HttpHead head, bool untilClose, CancellationToken cancellationToken)
    {
        if (head.Header("Transfer-Encoding") is { } encoding && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            using var body = new MemoryStream();
            while (true)
            {
                var size = await ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? throw new IOException("the connection closed inside a chunked body");
                var semicolon = size.IndexOf(';', StringComparison.Ordinal);
                var length = int.Parse(semicolon < 0 ? size : size[..semicolon], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (length == 0)
                {
                    // Trailers, up to the empty line.
                    while (!string.IsNullOrEmpty(await ReadLineAsync(cancellationToken).ConfigureAwait(false)))
                    {
                    }

                    return body.ToArray();
                }

                body.Write(await ReadExactlyAsync(length, cancellationToken).ConfigureAwait(false));
                await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        if (head.Header("Content-Length") is { } text)
        {
            return await ReadExactlyAsync(int.Parse(text, CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        }

        if (!untilClose)
        {
            return [];
        }

        using var rest = new MemoryStream();
        rest.Write(_buffer, _start, _end - _start);
        _start = _end = 0;
        await stream.CopyToAsync(rest, cancellationToken).ConfigureAwait(false);
        return rest.ToArray();
    }

    private async Task<byte[]> ReadExactlyAsync(int length, CancellationToken cancellationToken)
    {
        var result = new byte[length];
        var done = 0;
        while (done < length)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new IOException($"the connection closed after {done} of {length} body bytes");
            }

            var n = Math.Min(length - done, _end - _start);
            Array.Copy(_buffer, _start, result, done, n);
            _start += n;
            done += n;
        }

        return result;
    }

    /// <summary>One line without its CRLF; null when the peer closed before any byte of it.</summary>
    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return line.Length == 0 ? null : throw new IOException("the connection closed inside a line");
            }

            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var stop = newline < 0 ? _end : newline;
            line.Append(Encoding.Latin1.GetString(_buffer, _start, stop - _start));
            _start = newline < 0 ? _end : newline + 1;
            if (newline >= 0)
            {
                return line.Length > 0 && line[^1] == '\r' ? line.ToString(0, line.Length - 1) : line.ToString();
            }
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
        return _end > 0;
    }
}
