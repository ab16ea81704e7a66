using Apache.Arrow;

namespace Federation.Physical.Tables;

/// <summary>
/// A table the engine's own statements write (CREATE TABLE, INSERT, TRUNCATE). Each call is atomic: it takes
/// effect whole or not at all, and a statement that began before it sees the table as it was.
/// </summary>
public interface IWritableTable : ITableProvider
{
    /// <summary>Appends rows already of the table's column types, in its column order.</summary>
    ValueTask AppendAsync(IReadOnlyList<RecordBatch> batches, CancellationToken cancellationToken);

    /// <summary>Removes every row.</summary>
    ValueTask TruncateAsync(CancellationToken cancellationToken);
}
