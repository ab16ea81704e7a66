using Federation.Common.Types;

namespace Federation.LocalTables;

/// <summary>
/// Where one column block of a row group lies in its segment file, the checksum (XxHash64) its bytes must have,
/// and its zone map.
/// </summary>
public sealed record ColumnChunk(long Offset, int Length, ulong Checksum, BlockEncoding Encoding, long NullCount, ScalarValue? Min, ScalarValue? Max);
