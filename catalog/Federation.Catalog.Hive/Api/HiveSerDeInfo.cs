namespace Federation.Catalog.Hive.Api;

/// <summary>hive_metastore.thrift SerDeInfo: 1 name, 2 serializationLib (the SerDe class), 3 parameters.</summary>
public sealed record HiveSerDeInfo(string? Name, string? SerializationLib, IReadOnlyDictionary<string, string> Parameters);
