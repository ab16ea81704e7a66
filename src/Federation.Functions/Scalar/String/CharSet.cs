using System.Text;

namespace Federation.Functions.Scalar.String;

/// <summary>A set of characters given as UTF-8 text: a bit mask for ASCII, a list of code points for the rest.</summary>
internal sealed class CharSet
{
    public static readonly CharSet Space = Of(" "u8);

    private readonly ulong _low;
    private readonly ulong _high;
    private readonly int[] _others;

    private CharSet(ulong low, ulong high, int[] others)
    {
        _low = low;
        _high = high;
        _others = others;
    }

    public static CharSet Of(ReadOnlySpan<byte> chars)
    {
        ulong low = 0;
        ulong high = 0;
        List<int>? others = null;
        while (!chars.IsEmpty)
        {
            Rune.DecodeFromUtf8(chars, out var rune, out var consumed);
            chars = chars[System.Math.Max(consumed, 1)..];
            var value = rune.Value;
            if (value < 64)
            {
                low |= 1UL << value;
            }
            else if (value < 128)
            {
                high |= 1UL << (value - 64);
            }
            else
            {
                (others ??= []).Add(value);
            }
        }

        return new CharSet(low, high, others?.ToArray() ?? []);
    }

    /// <summary>Whether the one character encoded in <paramref name="character"/> is in the set.</summary>
    public bool Contains(ReadOnlySpan<byte> character)
    {
        var first = character[0];
        if (first < 64)
        {
            return (_low & (1UL << first)) != 0;
        }

        if (first < 128)
        {
            return (_high & (1UL << (first - 64))) != 0;
        }

        if (_others.Length == 0)
        {
            return false;
        }

        Rune.DecodeFromUtf8(character, out var rune, out _);
        return Array.IndexOf(_others, rune.Value) >= 0;
    }
}
