namespace Federation.Catalog.Hive.Api;

/// <summary>hive_metastore.thrift Partition: 1 values (text, in key order), 2 dbName, 3 tableName, 4 createTime, 5 lastAccessTime, 6 sd, 7 parameters.</summary>
public sealed record HivePartition(
    IReadOnlyList<string> Values,
    string DbName,
    string TableName,
    HiveStorageDescriptor? StorageDescriptor,
    IReadOnlyDictionary<string, string> Parameters)
{
    public int CreateTime { get; init; }

    public int LastAccessTime { get; init; }
}
