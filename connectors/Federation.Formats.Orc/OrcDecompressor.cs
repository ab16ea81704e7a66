using System.IO.Compression;
using Federation.Common;
using Federation.Formats.Orc.Protocol;

namespace Federation.Formats.Orc;

/// <summary>
/// Undoes ORC's stream compression: a compressed stream is a sequence of chunks, each behind a 3-byte little-endian
/// header holding (length &lt;&lt; 1) | original, where an original chunk is stored as is (the codec did not make it
/// smaller) and the others are one codec block of at most the postscript's block size: ZLIB is raw deflate (RFC
/// 1951, no zlib header), SNAPPY a raw snappy block, LZ4 a raw LZ4 block, ZSTD a zstd frame. LZO has no maintained
/// .NET library and is refused by name. A whole stream is decoded into one contiguous buffer, so the run-length
/// decoders never see chunk boundaries.
/// </summary>
internal sealed class OrcDecompressor
{
    private readonly CompressionKind _kind;
    private readonly int _blockSize;
    private readonly ZstdSharp.Decompressor? _zstd;

    public OrcDecompressor(CompressionKind kind, ulong blockSize)
    {
        if (kind == CompressionKind.Lzo)
        {
            throw new OrcFormatException("the file is compressed with LZO, which this reader does not support (no maintained LZO library for .NET)",
                ErrorCode.NotSupported);
        }

        if (kind is not (CompressionKind.None or CompressionKind.Zlib or CompressionKind.Snappy or CompressionKind.Lz4 or CompressionKind.Zstd))
        {
            throw new OrcFormatException($"the file's compression kind {(int)kind} is not one ORC defines", ErrorCode.NotSupported);
        }

        _kind = kind;
        _blockSize = (int)Math.Clamp(blockSize == 0 ? 256 * 1024UL : blockSize, 1, 64UL * 1024 * 1024);
        _zstd = kind == CompressionKind.Zstd ? new ZstdSharp.Decompressor() : null;
    }

    public CompressionKind Kind => _kind;

    /// <summary>The stream's bytes, decompressed; <paramref name="what"/> names the stream in errors.</summary>
    public ReadOnlyMemory<byte> Decompress(ReadOnlyMemory<byte> stream, string what)
    {
        if (_kind == CompressionKind.None)
        {
            return stream;
        }

        var input = stream.Span;
        var output = new byte[Math.Max(1024, Math.Min((long)input.Length * 4, int.MaxValue / 2))];
        var written = 0;
        var position = 0;
        while (position < input.Length)
        {
            if (input.Length - position < 3)
            {
                throw new OrcFormatException($"{what}: a compression chunk header at byte {position} is cut short");
            }

            var header = input[position] | (input[position + 1] << 8) | (input[position + 2] << 16);
            position += 3;
            var length = header >> 1;
            var original = (header & 1) == 1;
            if (length > input.Length - position)
            {
                throw new OrcFormatException($"{what}: a compression chunk of {length} bytes at byte {position - 3} runs past the stream's end ({input.Length} bytes)");
            }

            var chunk = input.Slice(position, length);
            position += length;
            var room = original ? length : _blockSize;
            if (output.Length - written < room)
            {
                Array.Resize(ref output, (int)Math.Min(int.MaxValue - 64, Math.Max((long)output.Length * 2, (long)written + room)));
            }

            written += original ? Copy(chunk, output.AsSpan(written)) : DecodeChunk(chunk, output.AsSpan(written, room), what);
        }

        return output.AsMemory(0, written);
    }

    private static int Copy(ReadOnlySpan<byte> chunk, Span<byte> destination)
    {
        chunk.CopyTo(destination);
        return chunk.Length;
    }

    private int DecodeChunk(ReadOnlySpan<byte> chunk, Span<byte> destination, string what)
    {
        try
        {
            switch (_kind)
            {
                case CompressionKind.Zlib:
                {
                    unsafe
                    {
                        fixed (byte* pointer = chunk)
                        {
                            using var source = new UnmanagedMemoryStream(pointer, chunk.Length);
                            using var inflate = new DeflateStream(source, CompressionMode.Decompress);
                            var total = 0;
                            while (true)
                            {
                                var read = inflate.Read(destination[total..]);
                                if (read == 0)
                                {
                                    break;
                                }

                                total += read;
                                if (total == destination.Length)
                                {
                                    Span<byte> probe = stackalloc byte[1];
                                    if (inflate.Read(probe) != 0)
                                    {
                                        throw new OrcFormatException($"{what}: a ZLIB chunk inflates past the block size of {_blockSize} bytes");
                                    }

                                    break;
                                }
                            }

                            return total;
                        }
                    }
                }

                case CompressionKind.Snappy:
                {
                    var length = Snappier.Snappy.GetUncompressedLength(chunk);
                    if (length > destination.Length)
                    {
                        throw new OrcFormatException($"{what}: a SNAPPY chunk claims {length} bytes, more than the block size of {_blockSize}");
                    }

                    return Snappier.Snappy.Decompress(chunk, destination);
                }

                case CompressionKind.Lz4:
                {
                    var length = K4os.Compression.LZ4.LZ4Codec.Decode(chunk, destination);
                    return length >= 0 ? length : throw new OrcFormatException($"{what}: an LZ4 chunk is corrupt or larger than the block size of {_blockSize}");
                }

                case CompressionKind.Zstd:
                    return _zstd!.Unwrap(chunk, destination);
                default:
                    throw new OrcFormatException($"compression {_kind} is not supported", ErrorCode.NotSupported);
            }
        }
        catch (Exception e) when (e is InvalidDataException or ZstdSharp.ZstdException or InvalidOperationException or ArgumentException or IOException)
        {
            throw new OrcFormatException($"{what}: a {_kind.ToString().ToUpperInvariant()} chunk is corrupt ({e.Message})");
        }
    }
}
