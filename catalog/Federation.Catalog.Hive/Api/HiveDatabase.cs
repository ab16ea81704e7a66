namespace Federation.Catalog.Hive.Api;

/// <summary>hive_metastore.thrift Database: 1 name, 2 description, 3 locationUri, 4 parameters, 6 ownerName.</summary>
public sealed record HiveDatabase(string Name, string? Description, string? LocationUri, IReadOnlyDictionary<string, string> Parameters)
{
    public string? OwnerName { get; init; }
}
