using System.Runtime.CompilerServices;
using System.Text;

namespace Federation.Functions.Scalar;

/// <summary>Character-level helpers over UTF-8 bytes (PostgreSQL counts characters, i.e. code points).</summary>
internal static class Utf8Text
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsContinuation(byte b) => (b & 0xC0) == 0x80;

    /// <summary>Number of code points.</summary>
    public static int CharCount(ReadOnlySpan<byte> text)
    {
        if (Ascii.IsValid(text))
        {
            return text.Length;
        }

        var count = 0;
        foreach (var b in text)
        {
            if (!IsContinuation(b))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Byte offset of the character with 0-based index <paramref name="chars"/>; the length when past the end.</summary>
    public static int ByteOffset(ReadOnlySpan<byte> text, long chars)
    {
        if (chars <= 0)
        {
            return 0;
        }

        var seen = 0L;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsContinuation(text[i]))
            {
                if (seen == chars)
                {
                    return i;
                }

                seen++;
            }
        }

        return text.Length;
    }

    /// <summary>Characters [start, start + count) (0-based, clamped to the text).</summary>
    public static ReadOnlySpan<byte> SliceChars(ReadOnlySpan<byte> text, long start, long count)
    {
        var from = ByteOffset(text, start);
        var rest = text[from..];
        var to = ByteOffset(rest, count);
        return rest[..to];
    }

    /// <summary>Length in bytes of the UTF-8 sequence that starts with <paramref name="lead"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SequenceLength(byte lead) => lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;

    /// <summary>Characters of the text counted from the end: the byte offset where the last <paramref name="chars"/> characters start.</summary>
    public static int ByteOffsetFromEnd(ReadOnlySpan<byte> text, long chars)
    {
        if (chars <= 0)
        {
            return text.Length;
        }

        var seen = 0L;
        for (var i = text.Length - 1; i >= 0; i--)
        {
            if (!IsContinuation(text[i]))
            {
                seen++;
                if (seen == chars)
                {
                    return i;
                }
            }
        }

        return 0;
    }

    /// <summary>1-based character position of the byte offset.</summary>
    public static int CharPosition(ReadOnlySpan<byte> text, int byteOffset) => CharCount(text[..byteOffset]) + 1;
}
