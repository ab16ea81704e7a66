using System.Text;

namespace Federation.Formats.Json;

/// <summary>
/// Finds the builder slot a JSON key fills (-1: no projected column reads it). Lines of one file mostly repeat their
/// keys in the same order, so the answer for the key at each position of the previous line is kept with that key's
/// bytes: a key equal to it byte for byte costs one comparison. Otherwise the projected columns' keys are compared,
/// ASCII-case-insensitively when the table says so (other keys through their decoded text).
/// </summary>
internal sealed class JsonKeyMatcher
{
    private readonly byte[][] _keys;
    private readonly string[] _keyTexts;
    private readonly int[] _slots;
    private readonly bool _caseInsensitive;
    private readonly bool _dotsInKeys;
    private byte[]?[] _seenKeys = [];
    private int[] _seenSlots = [];

    /// <param name="keys">The JSON key of each projected column, with the slot it fills.</param>
    public JsonKeyMatcher(IReadOnlyList<(string Key, int Slot)> keys, bool caseInsensitive, bool dotsInKeys)
    {
        _keys = new byte[keys.Count][];
        _keyTexts = new string[keys.Count];
        _slots = new int[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            _keyTexts[i] = keys[i].Key;
            _keys[i] = Encoding.UTF8.GetBytes(keys[i].Key);
            _slots[i] = keys[i].Slot;
        }

        _caseInsensitive = caseInsensitive;
        _dotsInKeys = dotsInKeys;
    }

    /// <summary>The slot of <paramref name="key"/> (a property name's unescaped UTF-8), the <paramref name="position"/>-th key of its object.</summary>
    public int Find(ReadOnlySpan<byte> key, int position, Span<byte> scratch)
    {
        if (position < _seenKeys.Length && _seenKeys[position] is { } seen && key.SequenceEqual(seen))
        {
            return _seenSlots[position];
        }

        var original = key;
        if (_dotsInKeys && key.Contains((byte)'.'))
        {
            var copy = scratch[..key.Length];
            key.CopyTo(copy);
            copy.Replace((byte)'.', (byte)'_');
            key = copy;
        }

        var slot = Lookup(key);
        Remember(original, position, slot);
        return slot;
    }

    private int Lookup(ReadOnlySpan<byte> key)
    {
        if (!_caseInsensitive)
        {
            for (var i = 0; i < _keys.Length; i++)
            {
                if (key.SequenceEqual(_keys[i]))
                {
                    return _slots[i];
                }
            }

            return -1;
        }

        if (System.Text.Ascii.IsValid(key))
        {
            for (var i = 0; i < _keys.Length; i++)
            {
                if (System.Text.Ascii.EqualsIgnoreCase(key, _keys[i]))
                {
                    return _slots[i];
                }
            }

            return -1;
        }

        var text = Encoding.UTF8.GetString(key);
        for (var i = 0; i < _keys.Length; i++)
        {
            if (string.Equals(text, _keyTexts[i], StringComparison.OrdinalIgnoreCase))
            {
                return _slots[i];
            }
        }

        return -1;
    }

    private void Remember(ReadOnlySpan<byte> key, int position, int slot)
    {
        // Objects with very many keys are not worth remembering past the first few hundred.
        if (position >= 256)
        {
            return;
        }

        if (position >= _seenKeys.Length)
        {
            var size = Math.Max(position + 1, _seenKeys.Length * 2);
            var keys = new byte[]?[size];
            var slots = new int[size];
            System.Array.Copy(_seenKeys, keys, _seenKeys.Length);
            System.Array.Copy(_seenSlots, slots, _seenSlots.Length);
            _seenKeys = keys;
            _seenSlots = slots;
        }

        _seenKeys[position] = key.ToArray();
        _seenSlots[position] = slot;
    }
}
