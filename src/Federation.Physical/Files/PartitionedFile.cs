using Federation.Common.Types;
using Federation.Storage;

namespace Federation.Physical.Files;

/// <summary>One object of an external table, as its listing described it, with the values of its partition's columns.</summary>
public sealed record PartitionedFile(IObjectStore Store, ObjectMeta Meta, IReadOnlyList<ScalarValue> PartitionValues)
{
    /// <summary>
    /// Only these row groups (Parquet) or stripes (ORC), by index, ascending: a worker's fragment may hold part of a
    /// large object. Null reads all of them.
    /// </summary>
    public IReadOnlyList<int>? RowGroups { get; init; }
}
