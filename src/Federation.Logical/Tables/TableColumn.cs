using Federation.Common.Types;

namespace Federation.Logical.Tables;

/// <summary>
/// A column of a table. A hidden column (a pseudocolumn such as an external table's "$path") is selected only by
/// its name: SELECT * leaves it out.
/// </summary>
public sealed record TableColumn(string Name, SqlType Type, bool Nullable = true, bool Hidden = false);
