using System.Globalization;
using System.Text;

namespace Federation.Testing.Faults;

/// <summary>The start line and headers of one HTTP/1.1 request or response, as they came over the wire.</summary>
internal sealed record HttpHead(string StartLine, IReadOnlyList<(string Name, string Value)> Headers)
{
    /// <summary>The request's method (the start line's first word).</summary>
    public string Method => StartLine[..StartLine.IndexOf(' ', StringComparison.Ordinal)];

    /// <summary>The response's status code (the start line's second word).</summary>
    public int Status => int.Parse(StartLine.Split(' ')[1], CultureInfo.InvariantCulture);

    public string? Header(string name)
    {
        foreach (var (key, value) in Headers)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The head as bytes, without the headers named in <paramref name="dropped"/> and with <paramref name="added"/> after the rest.</summary>
    public byte[] Encode(IReadOnlyCollection<string> dropped, params (string Name, string Value)[] added)
    {
        var text = new StringBuilder(StartLine).Append("\r\n");
        foreach (var (name, value) in Headers)
        {
            if (!dropped.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                text.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        foreach (var (name, value) in added)
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        return Encoding.Latin1.GetBytes(text.Append("\r\n").ToString());
    }
}
