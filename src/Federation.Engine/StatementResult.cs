using Apache.Arrow;
using Federation.Common.Types;
using Federation.Execution;

namespace Federation.Engine;

/// <summary>
/// The outcome of one statement: for queries a schema and a stream of batches (computed as they are read);
/// for other statements a command tag and, for DML, the number of rows affected.
/// </summary>
public sealed class StatementResult
{
    private readonly IAsyncEnumerable<RecordBatch>? _batches;

    public StatementResult(Schema schema, IReadOnlyList<SqlType> columnTypes, IAsyncEnumerable<RecordBatch>? batches, string commandTag, long? rowsAffected = null,
        MemoryPool? memory = null)
    {
        Memory = memory;
        Schema = schema;
        ColumnTypes = columnTypes;
        _batches = batches;
        CommandTag = commandTag;
        RowsAffected = rowsAffected;
    }

    public Schema Schema { get; }

    /// <summary>SQL types of the columns (Arrow types lose VARCHAR lengths and the like).</summary>
    public IReadOnlyList<SqlType> ColumnTypes { get; }

    /// <summary>"SELECT", "INSERT", "CREATE TABLE", ...</summary>
    public string CommandTag { get; }

    public long? RowsAffected { get; }

    /// <summary>Notices the statement raised without failing (PostgreSQL's NOTICE), e.g. "partition ... already exists, skipping".</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>The query's memory budget (its peak shows how much operators held), when the statement ran a query.</summary>
    public MemoryPool? Memory { get; }

    public bool ReturnsRows => _batches is not null;

    public IAsyncEnumerable<RecordBatch> Batches => _batches ?? Empty();

    public async Task<List<RecordBatch>> CollectAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<RecordBatch>();
        await foreach (var batch in Batches.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            list.Add(batch);
        }

        return list;
    }

    private static async IAsyncEnumerable<RecordBatch> Empty()
    {
        await Task.CompletedTask.ConfigureAwait(false);
        yield break;
    }

    /// <summary>This result with its batches read through <paramref name="batches"/> instead.</summary>
    public StatementResult WithBatches(IAsyncEnumerable<RecordBatch> batches) =>
        new(Schema, ColumnTypes, batches, CommandTag, RowsAffected, Memory) { Notices = Notices };

    public static StatementResult Command(string tag, long? rowsAffected = null) =>
        new(new Schema.Builder().Build(), [], null, tag, rowsAffected);

    public static StatementResult Command(string tag, long? rowsAffected, IReadOnlyList<string> notices) =>
        new(new Schema.Builder().Build(), [], null, tag, rowsAffected) { Notices = notices };
}
