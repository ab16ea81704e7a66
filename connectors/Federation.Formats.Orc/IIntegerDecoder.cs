namespace Federation.Formats.Orc;

/// <summary>An ORC integer stream (RLE v1 or v2, signed or not), decoded a batch at a time (one call per batch, not per value).</summary>
internal interface IIntegerDecoder
{
    void Read(Span<long> destination);
}
