namespace Federation.Formats.Text;

/// <summary>A record the decoder cannot read, at a byte position of the data it was given; the scan names the object and line.</summary>
internal sealed class TextFormatException(string reason, int position) : Exception(reason)
{
    public int Position { get; } = position;
}
