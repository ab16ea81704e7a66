using System.Text;
using Federation.Common;

namespace Federation.Functions.Scalar.Binary;

/// <summary>The character encodings convert_from and convert_to know: UTF8 (also SQL_ASCII, whose bytes are taken as they are) and LATIN1.</summary>
internal enum TextEncoding
{
    Utf8,
    Latin1,
}

internal static class TextEncodingName
{
    /// <summary>
    /// An encoding name as PostgreSQL matches it: case and every character but letters and digits ignored ('UTF-8',
    /// 'utf_8', 'Latin-1', 'ISO_8859_1').
    /// </summary>
    public static TextEncoding Parse(ReadOnlySpan<byte> name, bool source)
    {
        Span<byte> clean = stackalloc byte[System.Math.Min(name.Length, 64)];
        var length = 0;
        foreach (var b in name)
        {
            if (length < clean.Length && (char.IsAsciiLetterOrDigit((char)b)))
            {
                clean[length++] = (byte)char.ToLowerInvariant((char)b);
            }
        }

        var key = clean[..length];
        if (key.SequenceEqual("utf8"u8) || key.SequenceEqual("unicode"u8) || key.SequenceEqual("sqlascii"u8))
        {
            return TextEncoding.Utf8;
        }

        if (key.SequenceEqual("latin1"u8) || key.SequenceEqual("iso88591"u8))
        {
            return TextEncoding.Latin1;
        }

        throw new FederationException(ErrorCode.InvalidArgument,
            $"invalid {(source ? "source" : "destination")} encoding name \"{Encoding.UTF8.GetString(name)}\"");
    }
}
