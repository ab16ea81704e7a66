using Federation.Common.Arrow;

namespace Federation.Common.Types;

/// <summary>
/// CHAR(n) text, PostgreSQL's way: a CHAR(n) value is held blank-padded to n characters (so it is stored and
/// printed padded, and LIKE sees the blanks); the padding is dropped when the value becomes varchar or text
/// (concatenation, string functions), and trailing blanks do not matter when CHAR values are compared.
/// Lengths count characters (UTF-8 lead bytes), not bytes.
/// </summary>
public static class CharPadding
{
    /// <summary>The number of characters in UTF-8 text.</summary>
    public static int CharCount(ReadOnlySpan<byte> utf8)
    {
        var count = 0;
        foreach (var b in utf8)
        {
            if ((b & 0xC0) != 0x80)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The first <paramref name="maxChars"/> characters of UTF-8 text.</summary>
    public static ReadOnlySpan<byte> Truncate(ReadOnlySpan<byte> utf8, int maxChars)
    {
        var chars = 0;
        for (var i = 0; i < utf8.Length; i++)
        {
            if ((utf8[i] & 0xC0) != 0x80)
            {
                if (chars == maxChars)
                {
                    return utf8[..i];
                }

                chars++;
            }
        }

        return utf8;
    }

    /// <summary>UTF-8 text without its trailing blanks (spaces only, as PostgreSQL's bpchar).</summary>
    public static ReadOnlySpan<byte> TrimTrailingBlanks(ReadOnlySpan<byte> utf8) => utf8.TrimEnd((byte)' ');

    /// <summary>Text without its trailing blanks.</summary>
    public static string TrimTrailingBlanks(string text) => text.TrimEnd(' ');

    /// <summary>Appends UTF-8 text of at most <paramref name="length"/> characters, padded with blanks to exactly that many.</summary>
    public static void AppendPadded(VariableWidthBuilder builder, ReadOnlySpan<byte> utf8, int length)
    {
        var pad = Math.Max(length - CharCount(utf8), 0);
        var target = builder.Reserve(utf8.Length + pad);
        utf8.CopyTo(target);
        target.Slice(utf8.Length, pad).Fill((byte)' ');
        builder.Commit(utf8.Length + pad);
    }

    /// <summary>Text cut to <paramref name="length"/> characters and padded with blanks to exactly that many.</summary>
    public static string Pad(string text, int length)
    {
        var cut = text.Length > length ? text[..length] : text;
        return cut.Length < length ? cut + new string(' ', length - cut.Length) : cut;
    }
}
