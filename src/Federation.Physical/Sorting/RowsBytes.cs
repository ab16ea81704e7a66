namespace Federation.Physical.Sorting;

/// <summary>Rows of bytes in one buffer: row i is Data[Offsets[i]..Offsets[i+1]].</summary>
public readonly record struct RowsBytes(byte[] Data, int[] Offsets)
{
    public ReadOnlySpan<byte> Row(int i) => Data.AsSpan(Offsets[i], Offsets[i + 1] - Offsets[i]);
}
