using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using ICSharpCode.SharpZipLib.BZip2;

namespace Federation.Formats.Avro;

/// <summary>
/// Decompresses one block's data by the file's codec into a buffer it reuses from block to block: deflate is raw
/// RFC 1951 (no zlib header, as Avro writes it), snappy is one raw Snappy block followed by the big-endian CRC-32 of
/// the uncompressed bytes, which is checked, zstandard is one zstd frame, bzip2 one bzip2 stream. Corrupt data is an
/// <see cref="AvroFormatException"/> naming the codec.
/// </summary>
internal sealed class AvroBlockDecompressor(AvroCodec codec)
{
    private byte[] _buffer = [];
    private readonly ZstdSharp.Decompressor? _zstd = codec == AvroCodec.Zstandard ? new ZstdSharp.Decompressor() : null;

    public ReadOnlyMemory<byte> Decompress(ReadOnlyMemory<byte> block)
    {
        try
        {
            switch (codec)
            {
                case AvroCodec.Null:
                    return block;
                case AvroCodec.Snappy:
                {
                    if (block.Length < 4)
                    {
                        throw new AvroFormatException("a snappy block is shorter than its 4-byte checksum");
                    }

                    var compressed = block.Span[..^4];
                    var length = Snappier.Snappy.GetUncompressedLength(compressed);
                    Ensure(length);
                    var written = Snappier.Snappy.Decompress(compressed, _buffer);
                    var expected = BinaryPrimitives.ReadUInt32BigEndian(block.Span[^4..]);
                    var actual = Crc32.HashToUInt32(_buffer.AsSpan(0, written));
                    if (actual != expected)
                    {
                        throw new AvroFormatException($"a snappy block's CRC-32 is {actual:x8}, but the block says {expected:x8} (corrupt data)");
                    }

                    return _buffer.AsMemory(0, written);
                }

                case AvroCodec.Zstandard:
                {
                    var size = ZstdSharp.Decompressor.GetDecompressedSize(block.Span);
                    if (size > 0 && size <= int.MaxValue)
                    {
                        Ensure((int)size);
                        var written = _zstd!.Unwrap(block.Span, _buffer);
                        return _buffer.AsMemory(0, written);
                    }

                    return _zstd!.Unwrap(block.Span).ToArray();
                }

                case AvroCodec.Deflate:
                {
                    using var stream = new DeflateStream(new MemoryStreamOver(block), CompressionMode.Decompress);
                    return ReadAll(stream, block.Length * 4);
                }

                case AvroCodec.Bzip2:
                {
                    using var stream = new BZip2InputStream(new MemoryStreamOver(block));
                    return ReadAll(stream, block.Length * 4);
                }

                default:
                    throw new AvroFormatException($"codec {codec} is not supported");
            }
        }
        catch (Exception e) when (e is InvalidDataException or ZstdSharp.ZstdException or InvalidOperationException or ArgumentException or IOException
                                      or ICSharpCode.SharpZipLib.SharpZipBaseException)
        {
            throw new AvroFormatException($"a {codec.ToString().ToLowerInvariant()} block is corrupt ({e.Message})");
        }
    }

    private ReadOnlyMemory<byte> ReadAll(Stream stream, int estimate)
    {
        Ensure(Math.Max(estimate, 1024));
        var length = 0;
        while (true)
        {
            if (length == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = stream.Read(_buffer, length, _buffer.Length - length);
            if (read == 0)
            {
                return _buffer.AsMemory(0, length);
            }

            length += read;
        }
    }

    private void Ensure(int length)
    {
        if (_buffer.Length < length)
        {
            _buffer = new byte[Math.Max(length, _buffer.Length * 2)];
        }
    }
}
