namespace Federation.Testing;

/// <summary>A drop_partitions_req the test metastore received: the names and the flags (deleteData unset is null).</summary>
public sealed record DropPartitionsCall(string Database, string Table, List<string> Names, bool? DeleteData, bool IfExists, bool NeedResult);
