using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace Federation.Formats.Avro.Tests;

/// <summary>
/// A minimal Avro object container writer for the tests: the header (magic, avro.schema, avro.codec, a sync marker),
/// then blocks of <c>recordsPerBlock</c> records compressed by the codec (snappy with its CRC-32, as Avro's Java
/// writer frames it), each ended by the sync marker.
/// </summary>
public sealed class AvroTestWriter
{
    private readonly Stream _output;
    private readonly string _codec;
    private readonly int _recordsPerBlock;
    private readonly AvroTestEncoder _block = new();
    private int _records;

    public AvroTestWriter(Stream output, string schemaJson, string codec, int recordsPerBlock)
    {
        _output = output;
        _codec = codec;
        _recordsPerBlock = recordsPerBlock;
        Sync = Encoding.ASCII.GetBytes("0123456789abcdef");
        Random.Shared.NextBytes(Sync);
        var header = new AvroTestEncoder();
        header.WriteFixed("Obj\u0001"u8);
        header.WriteLong(2);
        header.WriteString("avro.schema");
        header.WriteString(schemaJson);
        header.WriteString("avro.codec");
        header.WriteString(codec);
        header.WriteLong(0);
        header.WriteFixed(Sync);
        _output.Write(header.ToArray());
    }

    public byte[] Sync { get; }

    /// <summary>The encoder the next record is written with; call <see cref="EndRecord"/> after each.</summary>
    public AvroTestEncoder Record => _block;

    public void EndRecord()
    {
        if (++_records == _recordsPerBlock)
        {
            Flush();
        }
    }

    public void Flush()
    {
        if (_records == 0)
        {
            return;
        }

        var raw = _block.ToArray();
        var data = Compress(raw, _codec);
        var prefix = new AvroTestEncoder();
        prefix.WriteLong(_records);
        prefix.WriteLong(data.Length);
        _output.Write(prefix.ToArray());
        _output.Write(data);
        _output.Write(Sync);
        _block.Clear();
        _records = 0;
    }

    public static byte[] Compress(byte[] raw, string codec)
    {
        switch (codec)
        {
            case "null":
                return raw;
            case "deflate":
            {
                var output = new MemoryStream();
                using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true))
                {
                    deflate.Write(raw);
                }

                return output.ToArray();
            }

            case "snappy":
            {
                var block = Snappier.Snappy.CompressToArray(raw);
                var framed = new byte[block.Length + 4];
                block.CopyTo(framed, 0);
                BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(block.Length), Crc32.HashToUInt32(raw));
                return framed;
            }

            case "zstandard":
                return new ZstdSharp.Compressor().Wrap(raw).ToArray();
            case "bzip2":
            {
                var output = new MemoryStream();
                using (var bzip = new ICSharpCode.SharpZipLib.BZip2.BZip2OutputStream(output) { IsStreamOwner = false })
                {
                    bzip.Write(raw);
                }

                return output.ToArray();
            }

            default:
                // Any other name is written uncompressed, for tests of codecs the reader refuses.
                return raw;
        }
    }
}
