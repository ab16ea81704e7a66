namespace Federation.Catalog.Hive.Api;

/// <summary>hive_metastore.thrift FieldSchema: 1 name, 2 type (Hive's type text), 3 comment.</summary>
public sealed record HiveFieldSchema(string Name, string Type, string? Comment = null);
