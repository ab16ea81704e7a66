namespace Federation.Samples.Tpch;

/// <summary>One Parquet file of a generated dataset.</summary>
/// <param name="Table">The table the file belongs to.</param>
/// <param name="Path">Path relative to the dataset folder, with '/' separators (e.g. "lineitem/l_shipmonth=1995-03/part-00000.parquet").</param>
/// <param name="Rows">Rows in the file.</param>
/// <param name="Bytes">Size of the file.</param>
public sealed record TpchDataFile(TpchTable Table, string Path, long Rows, long Bytes);
