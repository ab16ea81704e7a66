using System.Text;

namespace Federation.Formats.Avro;

/// <summary>
/// The header of an Avro object container file: the magic "Obj" 1, the metadata map (avro.schema, avro.codec, which
/// defaults to null), and the 16-byte sync marker that ends the header and every block. <see cref="Length"/> is where
/// the first block starts.
/// </summary>
internal sealed class AvroHeader
{
    private AvroHeader(AvroSchema schema, AvroCodec codec, byte[] sync, int length)
    {
        Schema = schema;
        Codec = codec;
        Sync = sync;
        Length = length;
    }

    public AvroSchema Schema { get; }

    public AvroCodec Codec { get; }

    public byte[] Sync { get; }

    public int Length { get; }

    /// <summary>
    /// The header at the start of <paramref name="data"/>, or null when <paramref name="data"/> ends inside it and
    /// <paramref name="complete"/> is false (the caller reads more). Bad magic, a bad codec or schema, or a header cut
    /// short in a complete object are <see cref="AvroFormatException"/>s.
    /// </summary>
    public static AvroHeader? Parse(ReadOnlySpan<byte> data, bool complete)
    {
        if (data.Length >= 4 && !data[..4].SequenceEqual("Obj\u0001"u8))
        {
            throw new AvroFormatException("it is not an Avro object container file (it does not start with the magic bytes 'Obj' 1)");
        }

        string? schemaJson = null;
        string? codecName = null;
        int length;
        byte[] sync;
        try
        {
            var reader = new AvroBinaryReader(data);
            reader.Take(4);
            while (true)
            {
                var count = reader.ReadLong();
                if (count == 0)
                {
                    break;
                }

                if (count < 0)
                {
                    reader.ReadLong();
                    count = -count;
                }

                for (var i = 0L; i < count; i++)
                {
                    var key = Encoding.UTF8.GetString(reader.ReadBytes());
                    var value = reader.ReadBytes();
                    if (key == "avro.schema")
                    {
                        schemaJson = Encoding.UTF8.GetString(value);
                    }
                    else if (key == "avro.codec")
                    {
                        codecName = Encoding.UTF8.GetString(value);
                    }
                }
            }

            sync = reader.Take(16).ToArray();
            length = reader.Position;
        }
        catch (AvroFormatException) when (!complete)
        {
            return null;
        }
        catch (AvroFormatException e)
        {
            throw new AvroFormatException($"the header is truncated or corrupt ({e.Message})");
        }

        var codec = codecName switch
        {
            null or "null" => AvroCodec.Null,
            "deflate" => AvroCodec.Deflate,
            "snappy" => AvroCodec.Snappy,
            "zstandard" => AvroCodec.Zstandard,
            "bzip2" => AvroCodec.Bzip2,
            _ => throw new AvroFormatException($"its codec '{codecName}' is not supported (null, deflate, snappy, zstandard and bzip2 are)"),
        };
        if (schemaJson is null)
        {
            throw new AvroFormatException("its header has no avro.schema");
        }

        return new AvroHeader(AvroSchemaParser.Parse(schemaJson), codec, sync, length);
    }
}
