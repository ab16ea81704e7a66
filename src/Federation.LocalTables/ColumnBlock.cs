using Federation.Common.Types;

namespace Federation.LocalTables;

/// <summary>
/// One encoded, compressed column block as it is written to a segment file, with the zone map scans skip it by
/// (Min/Max are null when unknown: all values NULL, a NaN, or text whose order the engine compares differently).
/// </summary>
internal sealed record ColumnBlock(byte[] Bytes, BlockEncoding Encoding, int Rows, long NullCount, ScalarValue? Min, ScalarValue? Max);
