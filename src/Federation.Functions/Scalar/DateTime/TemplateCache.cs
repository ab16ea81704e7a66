using System.Text;

namespace Federation.Functions.Scalar.DateTime;

/// <summary>The parsed template of the previous row, reused while the format text repeats (always, for a constant).</summary>
internal sealed class TemplateCache
{
    private byte[]? _format;
    private DateToken[] _tokens = [];

    public DateToken[] Get(ReadOnlySpan<byte> format)
    {
        if (_format is null || !format.SequenceEqual(_format))
        {
            _tokens = DateTemplate.Parse(Encoding.UTF8.GetString(format));
            _format = format.ToArray();
        }

        return _tokens;
    }
}
