namespace Federation.Formats.Text;

/// <summary>
/// What one partition of a line-oriented scan reads of one object: the records that start in bytes [Start, End) (the
/// whole object when End is null). A part after the first begins after the first line break at or past Start - 1, so a
/// record that straddles a boundary belongs to the part it starts in and is read exactly once.
/// </summary>
public sealed record TextScanUnit(int FileIndex, long Start, long? End);
