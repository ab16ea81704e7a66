using System.IO.Hashing;

namespace Federation.LocalTables;

/// <summary>
/// The distinct byte strings of a block, each given the index of its first appearance; entries point into the
/// block's own data, so building it copies nothing. Gives up (returns -1) past a fixed number of entries.
/// </summary>
internal sealed class ByteSpanDictionary
{
    private readonly int[] _slots;
    private readonly int _mask;
    private readonly int _capacity;
    private readonly byte[] _data;

    public ByteSpanDictionary(byte[] data, int capacity)
    {
        _data = data;
        _capacity = capacity;
        var size = 1;
        while (size < capacity * 2)
        {
            size <<= 1;
        }

        _slots = new int[size];
        _slots.AsSpan().Fill(-1);
        _mask = size - 1;
    }

    public List<int> Starts { get; } = [];

    public List<int> Lengths { get; } = [];

    public int Count => Starts.Count;

    /// <summary>The index of the value at data[start..start+length], added if new; -1 when the dictionary is full.</summary>
    public int IndexOf(int start, int length)
    {
        var value = _data.AsSpan(start, length);
        var slot = (int)XxHash3.HashToUInt64(value) & _mask;
        while (true)
        {
            var entry = _slots[slot];
            if (entry < 0)
            {
                if (Starts.Count == _capacity)
                {
                    return -1;
                }

                _slots[slot] = Starts.Count;
                Starts.Add(start);
                Lengths.Add(length);
                return Starts.Count - 1;
            }

            if (Lengths[entry] == length && _data.AsSpan(Starts[entry], length).SequenceEqual(value))
            {
                return entry;
            }

            slot = (slot + 1) & _mask;
        }
    }
}
