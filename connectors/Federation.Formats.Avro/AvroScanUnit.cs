namespace Federation.Formats.Avro;

/// <summary>
/// What one partition of an Avro scan reads of one object: the blocks that start in bytes [Start, End) (the whole
/// object when End is null). A block starts right after the sync marker that ends the header or the block before it,
/// so each block has one start, inside exactly one part: every record is read exactly once.
/// </summary>
internal sealed record AvroScanUnit(int FileIndex, long Start, long? End);
