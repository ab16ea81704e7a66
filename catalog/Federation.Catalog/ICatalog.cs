using Federation.Physical.Tables;

namespace Federation.Catalog;

/// <summary>
/// Schemas and their tables. Names are compared case-insensitively (as PostgreSQL does for unquoted names,
/// which the lexer already folds); implementations keep the case they were given for display.
/// </summary>
public interface ICatalog
{
    /// <summary>The schema unqualified names resolve in.</summary>
    string DefaultSchema { get; }

    IReadOnlyList<string> SchemaNames();

    IReadOnlyList<string> TableNames(string schema);

    ITableProvider? FindTable(string schema, string table);

    /// <summary>Adds a table; false when one of that name exists.</summary>
    bool TryAddTable(string schema, string table, ITableProvider provider);

    /// <summary>Removes a table; false when there is none.</summary>
    bool DropTable(string schema, string table);

    bool SchemaExists(string schema);

    void CreateSchema(string schema);
}
