using Federation.Common;
using Federation.Formats.Orc.Protocol;
using Google.Protobuf;

namespace Federation.Formats.Orc;

/// <summary>
/// The tail of an ORC file, parsed: the postscript (uncompressed, its length in the file's last byte), then the
/// footer (stripes, the type tree, file statistics, user metadata) and the metadata section (stripe statistics),
/// both compressed with the file's codec. Only format versions 0.11 and 0.12 are read; anything newer is refused by
/// version, as ORC Java refuses it.
/// </summary>
internal sealed class OrcFileTail
{
    /// <summary>Bytes fetched at first from the end: usually the whole tail.</summary>
    public const int ProbeBytes = 16 * 1024;

    private OrcFileTail(PostScript postScript, Footer footer, Metadata? metadata, long fileLength)
    {
        PostScript = postScript;
        Footer = footer;
        Metadata = metadata;
        FileLength = fileLength;
        Schema = new OrcSchema(footer.Types_);
    }

    public PostScript PostScript { get; }

    public Footer Footer { get; }

    /// <summary>Stripe statistics, when the writer kept them.</summary>
    public Metadata? Metadata { get; }

    public long FileLength { get; }

    public OrcSchema Schema { get; }

    public string Version => PostScript.Version.Count >= 2 ? $"{PostScript.Version[0]}.{PostScript.Version[1]}" : "0.11";

    public OrcDecompressor CreateDecompressor() => new(PostScript.Compression, PostScript.CompressionBlockSize);

    /// <summary>
    /// Parses the tail from <paramref name="tail"/>, the file's last bytes; when they do not hold the whole tail,
    /// returns null and sets <paramref name="needed"/> to how many last bytes do.
    /// </summary>
    public static OrcFileTail? Parse(ReadOnlySpan<byte> tail, long fileLength, out int needed)
    {
        needed = 0;
        if (fileLength < 4 || tail.Length < 1)
        {
            throw new OrcFormatException($"the object is {fileLength} bytes, too short to be an ORC file");
        }

        var postScriptLength = tail[^1];
        if (postScriptLength == 0 || postScriptLength + 1 > fileLength)
        {
            throw new OrcFormatException($"the last byte says the postscript is {postScriptLength} bytes, which the {fileLength}-byte object cannot hold: not an ORC file");
        }

        if (postScriptLength + 1 > tail.Length)
        {
            needed = postScriptLength + 1;
            return null;
        }

        PostScript postScript;
        try
        {
            postScript = PostScript.Parser.ParseFrom(tail.Slice(tail.Length - 1 - postScriptLength, postScriptLength));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OrcFormatException($"the postscript does not parse ({e.Message}): not an ORC file");
        }

        if (postScript.Magic != "ORC")
        {
            throw new OrcFormatException("the postscript has no \"ORC\" magic: not an ORC file");
        }

        if (postScript.Version.Count >= 2 && (postScript.Version[0] != 0 || postScript.Version[1] > 12))
        {
            throw new OrcFormatException(
                $"the file was written by a future ORC version {postScript.Version[0]}.{postScript.Version[1]}; this reader reads versions 0.11 and 0.12",
                ErrorCode.NotSupported);
        }

        var footerLength = (long)postScript.FooterLength;
        var metadataLength = (long)postScript.MetadataLength;
        var tailLength = 1 + postScriptLength + footerLength + metadataLength;
        if (tailLength > fileLength || footerLength > int.MaxValue / 2 || metadataLength > int.MaxValue / 2)
        {
            throw new OrcFormatException($"the postscript says the footer is {footerLength} bytes and the metadata {metadataLength}, more than the {fileLength}-byte object holds");
        }

        if (tailLength > tail.Length)
        {
            needed = (int)tailLength;
            return null;
        }

        var decompressor = new OrcDecompressor(postScript.Compression, postScript.CompressionBlockSize);
        var footerStart = tail.Length - 1 - postScriptLength - (int)footerLength;
        var footerBytes = tail.Slice(footerStart, (int)footerLength).ToArray();
        var metadataBytes = tail.Slice(footerStart - (int)metadataLength, (int)metadataLength).ToArray();
        Footer footer;
        Metadata? metadata = null;
        try
        {
            footer = Footer.Parser.ParseFrom(decompressor.Decompress(footerBytes, "the footer").Span);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OrcFormatException($"the footer does not parse ({e.Message}): the file is corrupt");
        }

        if (metadataLength > 0)
        {
            // Stripe statistics only serve pruning, and readers that never prune (ORC C++) never parse them: a damaged
            // metadata section costs the pruning, not the file.
            try
            {
                metadata = Metadata.Parser.ParseFrom(decompressor.Decompress(metadataBytes, "the metadata section").Span);
            }
            catch (Exception e) when (e is InvalidProtocolBufferException or OrcFormatException)
            {
                metadata = null;
            }
        }

        if (footer.Types_.Count == 0)
        {
            throw new OrcFormatException("the footer has no type tree");
        }

        foreach (var stripe in footer.Stripes)
        {
            var end = stripe.Offset + stripe.IndexLength + stripe.DataLength + stripe.FooterLength;
            if (end > (ulong)fileLength || end < stripe.Offset)
            {
                throw new OrcFormatException($"a stripe at byte {stripe.Offset} runs past the end of the {fileLength}-byte object: the file is truncated or corrupt");
            }
        }

        return new OrcFileTail(postScript, footer, metadata, fileLength);
    }
}
