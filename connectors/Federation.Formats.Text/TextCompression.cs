using System.Buffers.Binary;
using System.IO.Compression;
using ICSharpCode.SharpZipLib.GZip;
using ICSharpCode.SharpZipLib.Zip.Compression.Streams;
using Federation.Common;
using ICSharpCode.SharpZipLib.BZip2;
using K4os.Compression.LZ4;
using K4os.Compression.LZ4.Streams;

namespace Federation.Formats.Text;

/// <summary>
/// The codec a text object is compressed with, by its name's extension, as Hive and Spark choose it: .gz (gzip,
/// concatenated members too), .deflate (Hadoop's DefaultCodec: a zlib stream), .bz2, .zst, .snappy and .lz4. For the
/// last two both framings writers use are accepted: Hadoop's block framing (SnappyCodec, Lz4Codec: a big-endian
/// uncompressed length, then big-endian-length-prefixed raw blocks) and the codecs' own stream framing (the Snappy
/// framing format that starts "\xff\x06\0\0sNaPpY", the LZ4 frame format of magic 0x184D2204), told apart by their
/// first bytes. A compressed object cannot be split: it is read from its start, through a decompressing stream.
/// </summary>
public static class TextCompression
{
    /// <summary>The stream identifier chunk a Snappy framing-format stream starts with.</summary>
    private static ReadOnlySpan<byte> SnappyStreamIdentifier => [0xFF, 0x06, 0x00, 0x00, (byte)'s', (byte)'N', (byte)'a', (byte)'P', (byte)'p', (byte)'Y'];

    /// <summary>Whether the object's name says it is compressed.</summary>
    public static bool IsCompressed(string key) => Codec(key) is not null;

    private static string? Codec(string key)
    {
        var dot = key.LastIndexOf('.');
        var slash = key.LastIndexOf('/');
        if (dot <= slash)
        {
            return null;
        }

        return key[(dot + 1)..].ToLowerInvariant() switch
        {
            "gz" or "gzip" => "gzip",
            "deflate" => "deflate",
            "bz2" => "bzip2",
            "zst" or "zstd" => "zstd",
            "snappy" => "snappy",
            "lz4" => "lz4",
            _ => null,
        };
    }

    /// <summary>The object's text: <paramref name="raw"/> itself, or its decompressed bytes; a corrupt or truncated stream is an error naming the object.</summary>
    public static byte[] Decompress(string key, byte[] raw, string path)
    {
        var codec = Codec(key);
        if (codec is null)
        {
            return raw;
        }

        try
        {
            return codec switch
            {
                // SharpZipLib's streams, not .NET's: these check the trailers (gzip's CRC and length, zlib's Adler-32) and
                // so fail on a truncated object, where .NET's end quietly with what they decoded.
                "gzip" => ReadAll(new GZipInputStream(new MemoryStream(raw))),
                "deflate" => ReadAll(new InflaterInputStream(new MemoryStream(raw))),
                "bzip2" => ReadAll(new BZip2InputStream(new MemoryStream(raw))),
                "zstd" => ReadAll(new ZstdSharp.DecompressionStream(new MemoryStream(raw))),
                "snappy" => raw.AsSpan().StartsWith(SnappyStreamIdentifier)
                    ? ReadAll(new Snappier.SnappyStream(new MemoryStream(raw), CompressionMode.Decompress))
                    : HadoopBlocks(raw, snappy: true),
                "lz4" => raw.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(raw) == 0x184D2204
                    ? ReadAll(LZ4Stream.Decode(new MemoryStream(raw)))
                    : HadoopBlocks(raw, snappy: false),
                _ => raw,
            };
        }
        catch (Exception e) when (Corrupt(e))
        {
            throw new FederationException(ErrorCode.CorruptObject, $"cannot read {codec}-compressed text file {path}: it is truncated or corrupt ({e.Message})");
        }
    }

    /// <summary>
    /// A stream of the object's text read from <paramref name="raw"/> (the object's bytes, from its start): raw itself
    /// when the name says it is not compressed, else a decompressing stream over it. Reads fail with
    /// <see cref="IOException"/>s and the codecs' own exceptions; <see cref="Corrupt"/> says which mean a corrupt object.
    /// </summary>
    public static Stream OpenDecompressing(string key, Stream raw)
    {
        var codec = Codec(key);
        switch (codec)
        {
            case null:
                return raw;
            case "gzip":
                return new GZipInputStream(raw);
            case "deflate":
                return new InflaterInputStream(raw);
            case "bzip2":
                return new BZip2InputStream(raw);
            case "zstd":
                return new ZstdSharp.DecompressionStream(raw);
        }

        // Snappy and LZ4 come in two framings, told apart by the first bytes.
        var head = new byte[SnappyStreamIdentifier.Length];
        var read = 0;
        while (read < head.Length && raw.Read(head, read, head.Length - read) is var n and > 0)
        {
            read += n;
        }

        var rest = new PrefixedStream(head.AsMemory(0, read), raw);
        if (codec == "snappy")
        {
            return head.AsSpan(0, read).StartsWith(SnappyStreamIdentifier)
                ? new Snappier.SnappyStream(rest, CompressionMode.Decompress)
                : new HadoopBlockStream(rest, snappy: true);
        }

        return read >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(head) == 0x184D2204 ? LZ4Stream.Decode(rest) : new HadoopBlockStream(rest, snappy: false);
    }

    /// <summary>Whether <paramref name="e"/>, thrown reading a decompressing stream, says the object is truncated or corrupt.</summary>
    public static bool Corrupt(Exception e) =>
        e is InvalidDataException or IOException or InvalidOperationException or ArgumentException or IndexOutOfRangeException
            or ICSharpCode.SharpZipLib.SharpZipBaseException or ZstdSharp.ZstdException;

    /// <summary>The codec's name for messages ("gzip", "zstd"), null for an uncompressed object.</summary>
    public static string? CodecName(string key) => Codec(key);

    private static byte[] ReadAll(Stream stream)
    {
        using (stream)
        {
            var output = new MemoryStream();
            stream.CopyTo(output);
            return output.ToArray();
        }
    }

    /// <summary>Hadoop's BlockCompressorStream framing: repeated [uncompressed length][[compressed length][block]...].</summary>
    private static byte[] HadoopBlocks(byte[] raw, bool snappy)
    {
        var output = new MemoryStream();
        var position = 0;
        while (position < raw.Length)
        {
            var expected = Length(raw, ref position);
            var produced = 0;
            while (produced < expected)
            {
                var size = Length(raw, ref position);
                if (size > raw.Length - position)
                {
                    throw new InvalidDataException($"a block of {size} bytes at offset {position} runs past the end of the object");
                }

                var block = raw.AsSpan(position, size);
                position += size;
                var target = new byte[expected - produced];
                int written;
                if (snappy)
                {
                    written = Snappier.Snappy.Decompress(block, target);
                }
                else
                {
                    written = LZ4Codec.Decode(block, target);
                    if (written < 0)
                    {
                        throw new InvalidDataException("an LZ4 block does not decode");
                    }
                }

                output.Write(target, 0, written);
                produced += written;
            }
        }

        return output.ToArray();
    }

    private static int Length(byte[] raw, ref int position)
    {
        if (raw.Length - position < 4)
        {
            throw new InvalidDataException($"the object ends inside a block header at offset {position}");
        }

        var value = BinaryPrimitives.ReadInt32BigEndian(raw.AsSpan(position));
        position += 4;
        return value < 0 ? throw new InvalidDataException($"a negative block length at offset {position - 4}") : value;
    }
}
