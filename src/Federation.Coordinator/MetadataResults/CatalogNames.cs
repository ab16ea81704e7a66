namespace Federation.Coordinator.MetadataResults;

/// <summary>
/// How the engine's catalog appears to Flight SQL clients. The engine has one catalog, named
/// <see cref="Catalog"/>; its schemas (public, where unqualified names resolve, and any other) are the db_schemas,
/// and every table in them (CREATE TABLE tables and tables the host registers, such as Parquet files) is of type
/// <see cref="TableType"/>. BI tools ask for TABLE and VIEW by name, so a table listed under any other type would
/// disappear from their pickers; the engine has no views.
/// </summary>
internal static class CatalogNames
{
    public const string Catalog = "federation";

    public const string TableType = "TABLE";

    /// <summary>
    /// Whether a command's catalog selects <see cref="Catalog"/>: unset and empty mean no filter (some clients send
    /// an empty string for "any"); names compare case-insensitively, as identifiers do.
    /// </summary>
    public static bool Selects(bool hasCatalog, string catalog) =>
        !hasCatalog || catalog.Length == 0 || string.Equals(catalog, Catalog, StringComparison.OrdinalIgnoreCase);
}
