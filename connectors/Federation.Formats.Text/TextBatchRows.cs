using Apache.Arrow;

namespace Federation.Formats.Text;

/// <summary>Per record of the batch being decoded: its line (for messages), its byte offset (for SVL_SPECTRUM_SCAN_ERROR), and whether it is dropped.</summary>
public sealed class TextBatchRows
{
    public TextBatchRows(int capacity)
    {
        Lines = new long[capacity];
        Offsets = new long[capacity];
        Dropped = new bool[capacity];
    }

    public long[] Lines { get; }

    public long[] Offsets { get; }

    public bool[] Dropped { get; }

    public void Start(int row, long line, long offset)
    {
        Lines[row] = line;
        Offsets[row] = offset;
        Dropped[row] = false;
    }

    public bool AnyDropped(int count) => Dropped.AsSpan(0, count).Contains(true);

    /// <summary>TRUE for each of the first <paramref name="count"/> records that is kept.</summary>
    public BooleanArray Kept(int count)
    {
        var builder = new BooleanArray.Builder().Reserve(count);
        for (var r = 0; r < count; r++)
        {
            builder.Append(!Dropped[r]);
        }

        return builder.Build();
    }
}
