using System.Buffers.Binary;

namespace Federation.Catalog.Hive.Thrift;

/// <summary>
/// Moves whole messages between a stream and memory. Framed: a 4-byte big-endian length, then the message. Buffered:
/// the message alone, so its end is found by walking its structure as it arrives (header, then the one struct that
/// is its body), copying every byte; the copy is then decoded by <see cref="ThriftReader"/>.
/// </summary>
public static class ThriftFraming
{
    /// <summary>Frames larger than this are refused: Thrift's default maximum frame size.</summary>
    public const int MaxFrameBytes = 16 * 1024 * 1024;

    public static async ValueTask WriteAsync(Stream stream, ThriftTransport transport, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        if (transport == ThriftTransport.Framed)
        {
            var length = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, message.Length);
            await stream.WriteAsync(length, cancellationToken).ConfigureAwait(false);
        }

        await stream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The next whole message, or null when the peer closed the stream before its first byte.</summary>
    public static async ValueTask<byte[]?> ReadAsync(Stream stream, ThriftTransport transport, CancellationToken cancellationToken)
    {
        if (transport == ThriftTransport.Framed)
        {
            var header = new byte[4];
            if (!await FillAsync(stream, header, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(header);
            if (length < 0 || length > MaxFrameBytes)
            {
                throw new ThriftProtocolException($"a frame of {length} bytes (at most {MaxFrameBytes}); is the metastore's transport framed as configured?");
            }

            var frame = new byte[length];
            await stream.ReadExactlyAsync(frame, cancellationToken).ConfigureAwait(false);
            return frame;
        }

        var copy = new Copy(stream);
        if (!await copy.FirstAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var version = BinaryPrimitives.ReadInt32BigEndian(copy.Last(4));
        if ((version & 0xffff0000) != 0x80010000)
        {
            throw new ThriftProtocolException($"not a strict binary-protocol message (version word 0x{version:x8}); is the metastore's transport buffered as configured?");
        }

        await copy.TakeAsync(BinaryPrimitives.ReadInt32BigEndian(await copy.TakeAsync(4, cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);
        await copy.TakeAsync(4, cancellationToken).ConfigureAwait(false);
        await copy.SkipAsync(ThriftType.Struct, 0, cancellationToken).ConfigureAwait(false);
        return copy.ToArray();
    }

    private static async ValueTask<bool> FillAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return read == 0 ? false : read == buffer.Length ? true : throw new EndOfStreamException("the connection closed in the middle of a message");
    }

    /// <summary>The bytes of one buffered message as they are read.</summary>
    private sealed class Copy
    {
        private readonly Stream _stream;
        private byte[] _bytes = new byte[512];
        private int _length;

        public Copy(Stream stream)
        {
            _stream = stream;
        }

        public byte[] ToArray() => _bytes.AsSpan(0, _length).ToArray();

        public ReadOnlySpan<byte> Last(int count) => _bytes.AsSpan(_length - count, count);

        public async ValueTask<bool> FirstAsync(CancellationToken cancellationToken)
        {
            Reserve(4);
            if (!await FillAsync(_stream, _bytes.AsMemory(0, 4), cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            _length = 4;
            return true;
        }

        public async ValueTask<byte[]> TakeAsync(int count, CancellationToken cancellationToken)
        {
            if (count < 0 || count > MaxFrameBytes)
            {
                throw new ThriftProtocolException($"a length of {count} bytes in a message");
            }

            Reserve(count);
            await _stream.ReadExactlyAsync(_bytes.AsMemory(_length, count), cancellationToken).ConfigureAwait(false);
            _length += count;
            return _bytes.AsSpan(_length - count, count).ToArray();
        }

        private void Reserve(int count)
        {
            if (_length + count > MaxFrameBytes)
            {
                throw new ThriftProtocolException($"a message larger than {MaxFrameBytes} bytes");
            }

            if (_length + count > _bytes.Length)
            {
                Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + count));
            }
        }

        private async ValueTask<int> I32Async(CancellationToken cancellationToken) =>
            BinaryPrimitives.ReadInt32BigEndian(await TakeAsync(4, cancellationToken).ConfigureAwait(false));

        public async ValueTask SkipAsync(ThriftType type, int depth, CancellationToken cancellationToken)
        {
            if (depth > 64)
            {
                throw new ThriftProtocolException("values nested too deeply");
            }

            switch (type)
            {
                case ThriftType.Bool or ThriftType.Byte:
                    await TakeAsync(1, cancellationToken).ConfigureAwait(false);
                    break;
                case ThriftType.I16:
                    await TakeAsync(2, cancellationToken).ConfigureAwait(false);
                    break;
                case ThriftType.I32:
                    await TakeAsync(4, cancellationToken).ConfigureAwait(false);
                    break;
                case ThriftType.I64 or ThriftType.Double:
                    await TakeAsync(8, cancellationToken).ConfigureAwait(false);
                    break;
                case ThriftType.String:
                    await TakeAsync(await I32Async(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                    break;
                case ThriftType.Struct:
                    while (true)
                    {
                        var field = (ThriftType)(await TakeAsync(1, cancellationToken).ConfigureAwait(false))[0];
                        if (field == ThriftType.Stop)
                        {
                            break;
                        }

                        await TakeAsync(2, cancellationToken).ConfigureAwait(false);
                        await SkipAsync(field, depth + 1, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                case ThriftType.Map:
                {
                    var kinds = await TakeAsync(2, cancellationToken).ConfigureAwait(false);
                    var count = await I32Async(cancellationToken).ConfigureAwait(false);
                    for (var i = 0; i < count; i++)
                    {
                        await SkipAsync((ThriftType)kinds[0], depth + 1, cancellationToken).ConfigureAwait(false);
                        await SkipAsync((ThriftType)kinds[1], depth + 1, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                }

                case ThriftType.List or ThriftType.Set:
                {
                    var element = (ThriftType)(await TakeAsync(1, cancellationToken).ConfigureAwait(false))[0];
                    var count = await I32Async(cancellationToken).ConfigureAwait(false);
                    for (var i = 0; i < count; i++)
                    {
                        await SkipAsync(element, depth + 1, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                }

                default:
                    throw new ThriftProtocolException($"unknown Thrift type id {(byte)type}");
            }
        }
    }
}
