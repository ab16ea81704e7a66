using Federation.Common.Types;

namespace Federation.Logical.Tables;

public sealed record TableColumn(string Name, SqlType Type, bool Nullable = true);
