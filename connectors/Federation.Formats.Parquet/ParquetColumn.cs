using Federation.Common.Types;

namespace Federation.Formats.Parquet;

/// <summary>
/// A top-level column of a Parquet file: its Arrow field position, its leaf column (for statistics), its SQL type,
/// and whether its text is dictionary-encoded (then it is read as indices into the dictionary, which is far
/// cheaper than materialising every string in the reader), and whether it is an INT96 timestamp (then it is read by
/// <see cref="Int96TimestampReader"/>, not by the Arrow reader, whose conversion wraps dates past 2262).
/// </summary>
public sealed record ParquetColumn(string Name, int FieldIndex, int LeafIndex, SqlType Type, bool DictionaryEncoded = false, bool Int96 = false);
