using System.IO.Compression;
using ICSharpCode.SharpZipLib.BZip2;
using K4os.Compression.LZ4.Streams;

namespace Federation.Testing;

/// <summary>Text compressed by extension (.gz, .deflate, .bz2, .zst, .snappy, .lz4), as the text and JSON format tests write their objects.</summary>
public static class CompressedText
{
    /// <summary>The bytes as the writers Hive and Spark use for each extension write them.</summary>
    public static byte[] Compress(byte[] raw, string extension)
    {
        var output = new MemoryStream();
        switch (extension)
        {
            case "gz":
                using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
                {
                    gzip.Write(raw);
                }

                break;
            case "deflate":
                using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
                {
                    zlib.Write(raw);
                }

                break;
            case "bz2":
                using (var bzip = new BZip2OutputStream(output) { IsStreamOwner = false })
                {
                    bzip.Write(raw);
                }

                break;
            case "zst":
                return new ZstdSharp.Compressor().Wrap(raw).ToArray();
            case "snappy":
            {
                // Hadoop's SnappyCodec block framing: uncompressed length, then length-prefixed raw Snappy blocks.
                var block = Snappier.Snappy.CompressToArray(raw);
                WriteBigEndian(output, raw.Length);
                WriteBigEndian(output, block.Length);
                output.Write(block);
                break;
            }
            case "lz4":
                using (var lz4 = LZ4Stream.Encode(output, leaveOpen: true))
                {
                    lz4.Write(raw);
                }

                break;
            default:
                throw new ArgumentException(extension);
        }

        return output.ToArray();
    }

    private static void WriteBigEndian(Stream stream, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        stream.Write(bytes);
    }
}
