namespace Federation.Catalog.Metastore;

/// <summary>A metastore database: a namespace of tables, with an optional default location and free-form properties.</summary>
public sealed record MetastoreDatabase(string Name, string? Location, IReadOnlyDictionary<string, string> Properties)
{
    /// <summary>A database with no location and no properties.</summary>
    public static MetastoreDatabase Named(string name) => new(name, null, new Dictionary<string, string>());
}
