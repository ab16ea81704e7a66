namespace Federation.Catalog.Hive.Api;

/// <summary>
/// hive_metastore.thrift Table, the fields Federation uses: 1 tableName, 2 dbName, 3 owner, 4 createTime,
/// 5 lastAccessTime, 6 retention, 7 sd, 8 partitionKeys, 9 parameters, 12 tableType ("EXTERNAL_TABLE").
/// </summary>
public sealed record HiveTable(
    string TableName,
    string DbName,
    HiveStorageDescriptor? StorageDescriptor,
    IReadOnlyList<HiveFieldSchema> PartitionKeys,
    IReadOnlyDictionary<string, string> Parameters)
{
    public string? Owner { get; init; }

    public int CreateTime { get; init; }

    public int LastAccessTime { get; init; }

    public int Retention { get; init; }

    public string? TableType { get; init; }
}
