namespace Federation.Formats.Avro;

/// <summary>The block codecs of avro.codec this reader decompresses.</summary>
internal enum AvroCodec
{
    Null,
    Deflate,
    Snappy,
    Zstandard,
    Bzip2,
}
