namespace Federation.LocalTables;

/// <summary>How a column block's values are laid out before the general compressor runs over them.</summary>
public enum BlockEncoding : byte
{
    /// <summary>The values as Arrow holds them (strings: offsets then bytes).</summary>
    Plain = 0,

    /// <summary>Runs of equal values: run lengths, then one value per run.</summary>
    RunLength = 1,

    /// <summary>The distinct values once, then each row's index into them, bit-packed.</summary>
    Dictionary = 2,

    /// <summary>Integers as their distance from the block's minimum, bit-packed at the width the range needs.</summary>
    FrameOfReference = 3,
}
