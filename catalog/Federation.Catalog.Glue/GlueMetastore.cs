using System.Text.Json;
using Federation.Catalog.Metastore;
using Federation.Common;

namespace Federation.Catalog.Glue;

/// <summary>
/// A Glue Data Catalog as an <see cref="IMetastore"/> (shapes through <see cref="GlueShapes"/>). Partitions a query
/// needs are asked for with GetPartitions' Expression (<see cref="GlueExpression"/>); when the predicate cannot be
/// written, or Glue refuses it (InvalidInputException), every partition's values are listed in parallel Segments
/// (each paged by NextToken, without column schemas), pruned by the engine, and the survivors fetched with
/// BatchGetPartition (1000 per call, Glue's limit, UnprocessedKeys asked again). Glue's errors become FederationExceptions naming the object and the endpoint;
/// the batch calls' per-entry Errors are reported too. Glue may drop its databases (DROP EXTERNAL DATABASE).
/// </summary>
public sealed class GlueMetastore : IMetastore, IPartitionNameSource, IDisposable
{
    /// <summary>Glue's limits per BatchCreatePartition, BatchDeletePartition and BatchGetPartition call.</summary>
    private const int CreateBatch = 100;
    private const int DeleteBatch = 25;
    public const int GetBatch = 1000;

    /// <summary>Rounds of asking again for BatchGetPartition's UnprocessedKeys before it is an error.</summary>
    private const int UnprocessedRounds = 5;

    private readonly GlueClient _client;

    public GlueMetastore(GlueOptions options)
    {
        _client = new GlueClient(options);
    }

    public GlueClient Client => _client;

    private string Where => $"the Glue Data Catalog at {_client.Endpoint}";

    public async Task<IReadOnlyList<MetastoreDatabase>> ListDatabasesAsync(CancellationToken cancellationToken)
    {
        var databases = new List<MetastoreDatabase>();
        await PagesAsync("GetDatabases", "databases", _ => { }, "DatabaseList", e => databases.Add(GlueShapes.ReadDatabase(e)), cancellationToken).ConfigureAwait(false);
        return databases;
    }

    public async Task<MetastoreDatabase?> GetDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            using var answer = await _client.CallAsync("GetDatabase", w => w.WriteString("Name", name.ToLowerInvariant()), cancellationToken).ConfigureAwait(false);
            return GlueShapes.ReadDatabase(answer.RootElement.GetProperty("Database"));
        }
        catch (GlueServiceException e) when (e.TypeName == "EntityNotFoundException")
        {
            return null;
        }
        catch (GlueServiceException e)
        {
            throw Error(e, $"database \"{name}\"");
        }
    }

    public Task CreateDatabaseAsync(MetastoreDatabase database, CancellationToken cancellationToken) =>
        CallAsync("CreateDatabase", w => GlueShapes.WriteDatabaseInput(w, database), $"database \"{database.Name}\"", cancellationToken);

    /// <summary>Glue's DeleteDatabase drops the tables too; without <paramref name="cascade"/> a database with tables is refused first.</summary>
    public async Task DropDatabaseAsync(string name, bool cascade, CancellationToken cancellationToken)
    {
        if (!cascade && await ListTableNamesAsync(name, cancellationToken).ConfigureAwait(false) is { Count: > 0 } tables)
        {
            throw new FederationException(ErrorCode.InvalidArgument,
                $"cannot drop database \"{name}\": it still has {tables.Count} table(s) ({string.Join(", ", tables)}); use CASCADE to drop them too");
        }

        await CallAsync("DeleteDatabase", w => w.WriteString("Name", name.ToLowerInvariant()), $"database \"{name}\"", cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> ListTableNamesAsync(string database, CancellationToken cancellationToken) =>
        (await ListTablesAsync(database, cancellationToken).ConfigureAwait(false)).Select(t => t.Name).ToArray();

    public async Task<IReadOnlyList<MetastoreTable>> ListTablesAsync(string database, CancellationToken cancellationToken)
    {
        var tables = new List<MetastoreTable>();
        await PagesAsync("GetTables", $"database \"{database}\"", w => w.WriteString("DatabaseName", database.ToLowerInvariant()), "TableList",
            e => tables.Add(GlueShapes.ReadTable(e)), cancellationToken).ConfigureAwait(false);
        return tables;
    }

    public async Task<MetastoreTable?> GetTableAsync(string database, string table, CancellationToken cancellationToken)
    {
        try
        {
            using var answer = await _client.CallAsync("GetTable", w =>
            {
                w.WriteString("DatabaseName", database.ToLowerInvariant());
                w.WriteString("Name", table.ToLowerInvariant());
            }, cancellationToken).ConfigureAwait(false);
            return GlueShapes.ReadTable(answer.RootElement.GetProperty("Table"));
        }
        catch (GlueServiceException e) when (e.TypeName == "EntityNotFoundException")
        {
            return null;
        }
        catch (GlueServiceException e)
        {
            throw Error(e, $"table {database}.{table}");
        }
    }

    public Task CreateTableAsync(MetastoreTable table, CancellationToken cancellationToken) =>
        CallAsync("CreateTable", w =>
        {
            w.WriteString("DatabaseName", table.Database.ToLowerInvariant());
            GlueShapes.WriteTableInput(w, table);
        }, $"table {table.Database}.{table.Name}", cancellationToken);

    /// <summary>UpdateTable with the current definition's parameters overlaid by <paramref name="table"/>'s, so properties set by other tools stay.</summary>
    public async Task AlterTableAsync(MetastoreTable table, CancellationToken cancellationToken)
    {
        var current = await GetTableAsync(table.Database, table.Name, cancellationToken).ConfigureAwait(false)
            ?? throw new FederationException(ErrorCode.TableNotFound, $"table {table.Database}.{table.Name} does not exist in {Where}");
        var parameters = new Dictionary<string, string>(current.Properties, StringComparer.Ordinal);
        foreach (var (key, value) in table.Properties)
        {
            parameters[key] = value;
        }

        var altered = current with { Location = table.Location, Properties = parameters };
        await CallAsync("UpdateTable", w =>
        {
            w.WriteString("DatabaseName", table.Database.ToLowerInvariant());
            GlueShapes.WriteTableInput(w, altered);
        }, $"table {table.Database}.{table.Name}", cancellationToken).ConfigureAwait(false);
    }

    public Task DropTableAsync(string database, string table, CancellationToken cancellationToken) =>
        CallAsync("DeleteTable", w =>
        {
            w.WriteString("DatabaseName", database.ToLowerInvariant());
            w.WriteString("Name", table.ToLowerInvariant());
        }, $"table {database}.{table}", cancellationToken);

    /// <summary>Every partition, listed in <see cref="GlueOptions.PartitionSegments"/> parallel segments, each paged.</summary>
    public async Task<IReadOnlyList<MetastorePartition>> ListPartitionsAsync(string database, string table, CancellationToken cancellationToken)
    {
        var segments = Math.Clamp(_client.Options.PartitionSegments, 1, 10);
        var lists = await Task.WhenAll(Enumerable.Range(0, segments).Select(segment =>
            GetPartitionsAsync(database, table, null, segments == 1 ? null : (segment, segments), cancellationToken))).ConfigureAwait(false);
        var all = new List<MetastorePartition>();
        foreach (var list in lists)
        {
            all.AddRange(list);
        }

        return all;
    }

    public Task<IReadOnlyList<MetastorePartition>> ListPartitionsAsync(string database, string table, PartitionFilter filter, CancellationToken cancellationToken) =>
        PartitionNamePruning.ListAsync(this, this, database, table, filter, cancellationToken);

    /// <summary>GetPartitions with the predicate as Glue's Expression; null when it cannot be written or Glue refuses it (InvalidInputException).</summary>
    public async Task<IReadOnlyList<MetastorePartition>?> TryListPartitionsAsync(string database, string table, PartitionPredicate predicate, CancellationToken cancellationToken)
    {
        if (GlueExpression.Render(predicate) is not { } expression)
        {
            return null;
        }

        try
        {
            return await GetPartitionsAsync(database, table, expression, null, cancellationToken).ConfigureAwait(false);
        }
        catch (FederationException e) when (e.InnerException is GlueServiceException { TypeName: "InvalidInputException" })
        {
            // Glue could not evaluate this expression (a key type it will not compare, a length past its limit): names are pruned here instead.
            return null;
        }
    }

    /// <summary>
    /// Glue has no names-only listing: GetPartitions in parallel segments with ExcludeColumnSchema (the heavy part of
    /// an answer left out), keeping each partition's values. The name is the values joined, for messages only.
    /// </summary>
    public async Task<IReadOnlyList<MetastorePartitionName>> ListPartitionNamesAsync(string database, string table, CancellationToken cancellationToken)
    {
        var segments = Math.Clamp(_client.Options.PartitionSegments, 1, 10);
        var lists = await Task.WhenAll(Enumerable.Range(0, segments).Select(segment =>
            GetPartitionsAsync(database, table, null, segments == 1 ? null : (segment, segments), cancellationToken, excludeColumnSchema: true))).ConfigureAwait(false);
        var names = new List<MetastorePartitionName>();
        foreach (var list in lists)
        {
            foreach (var partition in list)
            {
                names.Add(new MetastorePartitionName(string.Join('/', partition.Values), partition.Values));
            }
        }

        return names;
    }

    /// <summary>BatchGetPartition, <see cref="GetBatch"/> values per call; what Glue leaves in UnprocessedKeys is asked for again.</summary>
    public async Task<IReadOnlyList<MetastorePartition>> GetPartitionsAsync(string database, string table, IReadOnlyList<MetastorePartitionName> names, CancellationToken cancellationToken)
    {
        var partitions = new List<MetastorePartition>(names.Count);
        for (var start = 0; start < names.Count; start += GetBatch)
        {
            var pending = new List<IReadOnlyList<string?>>(Math.Min(GetBatch, names.Count - start));
            for (var i = start; i < names.Count && i < start + GetBatch; i++)
            {
                pending.Add(names[i].Values);
            }

            for (var round = 0; pending.Count > 0; round++)
            {
                if (round == UnprocessedRounds)
                {
                    throw new FederationException(ErrorCode.CatalogUnavailable,
                        $"{Where} left {pending.Count} partitions of {database}.{table} unprocessed after {UnprocessedRounds} BatchGetPartition calls");
                }

                var keys = pending;
                try
                {
                    using var answer = await _client.CallAsync("BatchGetPartition", w =>
                    {
                        w.WriteString("DatabaseName", database.ToLowerInvariant());
                        w.WriteString("TableName", table.ToLowerInvariant());
                        w.WriteStartArray("PartitionsToGet");
                        foreach (var values in keys)
                        {
                            w.WriteStartObject();
                            GlueShapes.WriteValues(w, values);
                            w.WriteEndObject();
                        }

                        w.WriteEndArray();
                    }, cancellationToken).ConfigureAwait(false);
                    if (answer.RootElement.TryGetProperty("Partitions", out var found) && found.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var partition in found.EnumerateArray())
                        {
                            partitions.Add(GlueShapes.ReadPartition(partition));
                        }
                    }

                    pending = [];
                    if (answer.RootElement.TryGetProperty("UnprocessedKeys", out var unprocessed) && unprocessed.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var key in unprocessed.EnumerateArray())
                        {
                            pending.Add(GlueShapes.ReadPartition(key).Values);
                        }
                    }
                }
                catch (GlueServiceException e)
                {
                    throw Error(e, $"table {database}.{table}");
                }
            }
        }

        return partitions;
    }

    private async Task<List<MetastorePartition>> GetPartitionsAsync(string database, string table, string? expression, (int Number, int Total)? segment,
        CancellationToken cancellationToken, bool excludeColumnSchema = false)
    {
        var partitions = new List<MetastorePartition>();
        await PagesAsync("GetPartitions", $"table {database}.{table}", w =>
        {
            w.WriteString("DatabaseName", database.ToLowerInvariant());
            w.WriteString("TableName", table.ToLowerInvariant());
            if (expression is not null)
            {
                w.WriteString("Expression", expression);
            }

            if (excludeColumnSchema)
            {
                w.WriteBoolean("ExcludeColumnSchema", true);
            }

            if (segment is { } s)
            {
                w.WriteStartObject("Segment");
                w.WriteNumber("SegmentNumber", s.Number);
                w.WriteNumber("TotalSegments", s.Total);
                w.WriteEndObject();
            }
        }, "Partitions", e => partitions.Add(GlueShapes.ReadPartition(e)), cancellationToken).ConfigureAwait(false);
        return partitions;
    }

    public async Task AddPartitionsAsync(string database, string table, IReadOnlyList<MetastorePartition> partitions, CancellationToken cancellationToken)
    {
        var definition = await GetTableAsync(database, table, cancellationToken).ConfigureAwait(false)
            ?? throw new FederationException(ErrorCode.TableNotFound, $"table {database}.{table} does not exist in {Where}");
        for (var start = 0; start < partitions.Count; start += CreateBatch)
        {
            var end = Math.Min(partitions.Count, start + CreateBatch);
            var first = start;
            await BatchAsync("BatchCreatePartition", $"partitions of {database}.{table}", w =>
            {
                w.WriteString("DatabaseName", database.ToLowerInvariant());
                w.WriteString("TableName", table.ToLowerInvariant());
                w.WriteStartArray("PartitionInputList");
                for (var i = first; i < end; i++)
                {
                    GlueShapes.WritePartitionInput(w, definition, partitions[i]);
                }

                w.WriteEndArray();
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task DropPartitionsAsync(string database, string table, IReadOnlyList<IReadOnlyList<string?>> values, CancellationToken cancellationToken)
    {
        for (var start = 0; start < values.Count; start += DeleteBatch)
        {
            var end = Math.Min(values.Count, start + DeleteBatch);
            var first = start;
            await BatchAsync("BatchDeletePartition", $"partitions of {database}.{table}", w =>
            {
                w.WriteString("DatabaseName", database.ToLowerInvariant());
                w.WriteString("TableName", table.ToLowerInvariant());
                w.WriteStartArray("PartitionsToDelete");
                for (var i = first; i < end; i++)
                {
                    w.WriteStartObject();
                    GlueShapes.WriteValues(w, values[i]);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task AlterPartitionAsync(string database, string table, MetastorePartition partition, CancellationToken cancellationToken)
    {
        var definition = await GetTableAsync(database, table, cancellationToken).ConfigureAwait(false)
            ?? throw new FederationException(ErrorCode.TableNotFound, $"table {database}.{table} does not exist in {Where}");
        await CallAsync("UpdatePartition", w =>
        {
            w.WriteString("DatabaseName", database.ToLowerInvariant());
            w.WriteString("TableName", table.ToLowerInvariant());
            w.WriteStartArray("PartitionValueList");
            foreach (var value in partition.Values)
            {
                w.WriteStringValue(value ?? Storage.PartitionNames.DefaultPartition);
            }

            w.WriteEndArray();
            w.WritePropertyName("PartitionInput");
            GlueShapes.WritePartitionInput(w, definition, partition);
        }, $"partition ({string.Join(", ", partition.Values)}) of {database}.{table}", cancellationToken).ConfigureAwait(false);
    }

    private async Task CallAsync(string operation, Action<Utf8JsonWriter> body, string what, CancellationToken cancellationToken)
    {
        try
        {
            using var answer = await _client.CallAsync(operation, body, cancellationToken).ConfigureAwait(false);
        }
        catch (GlueServiceException e)
        {
            throw Error(e, what);
        }
    }

    /// <summary>A batch call whose answer lists per-entry Errors: any one is this call's error, naming the partition and Glue's code.</summary>
    private async Task BatchAsync(string operation, string what, Action<Utf8JsonWriter> body, CancellationToken cancellationToken)
    {
        try
        {
            using var answer = await _client.CallAsync(operation, body, cancellationToken).ConfigureAwait(false);
            if (answer.RootElement.TryGetProperty("Errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                var first = errors[0];
                var values = first.TryGetProperty("PartitionValues", out var v) ? string.Join(", ", v.EnumerateArray().Select(x => x.GetString())) : "";
                var detail = first.TryGetProperty("ErrorDetail", out var d) ? d : default;
                var code = GlueShapes.String(detail, "ErrorCode") ?? "Error";
                var message = GlueShapes.String(detail, "ErrorMessage") ?? "";
                throw Error(new GlueServiceException(code, message, 200),
                    $"partition ({values}) of {what.Replace("partitions of ", "", StringComparison.Ordinal)}{(errors.GetArrayLength() > 1 ? $" and {errors.GetArrayLength() - 1} more" : "")}");
            }
        }
        catch (GlueServiceException e)
        {
            throw Error(e, what);
        }
    }

    /// <summary>Calls a listing operation page by page (NextToken) and hands each element of <paramref name="list"/> to <paramref name="add"/>.</summary>
    private async Task PagesAsync(string operation, string what, Action<Utf8JsonWriter> body, string list, Action<JsonElement> add, CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            try
            {
                var next = token;
                using var answer = await _client.CallAsync(operation, w =>
                {
                    body(w);
                    if (next is not null)
                    {
                        w.WriteString("NextToken", next);
                    }
                }, cancellationToken).ConfigureAwait(false);
                if (answer.RootElement.TryGetProperty(list, out var items) && items.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in items.EnumerateArray())
                    {
                        add(item);
                    }
                }

                token = GlueShapes.String(answer.RootElement, "NextToken");
            }
            catch (GlueServiceException e)
            {
                throw Error(e, what);
            }
        }
        while (!string.IsNullOrEmpty(token));
    }

    /// <summary>A Glue error as the error it means here, naming the object, Glue's code and message, and the endpoint.</summary>
    private FederationException Error(GlueServiceException e, string what) => e.TypeName switch
    {
        "EntityNotFoundException" => new FederationException(ErrorCode.ObjectNotFound, $"{what} does not exist in {Where}: {e.ServiceMessage}", e),
        "AlreadyExistsException" => new FederationException(ErrorCode.DuplicateObject, $"{what} already exists in {Where}: {e.ServiceMessage}", e),
        "AccessDeniedException" or "InvalidSignatureException" or "UnrecognizedClientException" or "SignatureDoesNotMatch" or "ExpiredTokenException"
            or "IncompleteSignatureException" or "MissingAuthenticationTokenException" => new FederationException(ErrorCode.PermissionDenied,
            $"{Where} refused {what}: {e.TypeName}: {e.ServiceMessage} (check the AWS credentials and the catalog's permissions)", e),
        "InvalidInputException" or "ValidationException" => new FederationException(ErrorCode.InvalidArgument, $"{Where} refused {what}: {e.TypeName}: {e.ServiceMessage}", e),
        "ResourceNumberLimitExceededException" => new FederationException(ErrorCode.InvalidArgument,
            $"{Where} refused {what}: a Glue limit was reached: {e.ServiceMessage}", e),
        _ when e.IsTransient => new FederationException(ErrorCode.CatalogUnavailable,
            $"{Where} failed on {what} after {Math.Max(0, _client.Options.MaxRetries) + 1} attempts: {e.TypeName}: {e.ServiceMessage}", e),
        _ => new FederationException(ErrorCode.ObjectReadError, $"{Where} failed on {what}: {e.TypeName}: {e.ServiceMessage}", e),
    };

    public void Dispose() => _client.Dispose();
}
