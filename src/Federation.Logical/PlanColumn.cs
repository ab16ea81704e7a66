using Federation.Common.Types;

namespace Federation.Logical;

/// <summary>
/// A column that a plan node produces. The id is unique within one statement's plan, so expressions
/// refer to columns by id and stay valid when rules move them between nodes (DuckDB's column bindings).
/// </summary>
public sealed record PlanColumn(int Id, string Name, SqlType Type, bool Nullable)
{
    public override string ToString() => Name;
}
