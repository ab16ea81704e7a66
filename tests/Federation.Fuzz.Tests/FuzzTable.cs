namespace Federation.Fuzz.Tests;

/// <summary>A table of the fuzzed database: its columns, its size class and the foreign keys that join it cheaply to another.</summary>
/// <param name="Small">Few enough rows (at most a few hundred) that joining it on any condition stays cheap.</param>
/// <param name="Keys">(this table's column, other table, other table's column): equality joins that follow a foreign key.</param>
public sealed record FuzzTable(string Name, IReadOnlyList<FuzzColumn> Columns, bool Small, IReadOnlyList<(string Column, string Table, string OtherColumn)> Keys);
