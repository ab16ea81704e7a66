using System.Collections.Concurrent;
using System.Text.Json;
using Federation.Catalog.Metastore;
using Federation.Common;

namespace Federation.Catalog.External;

/// <summary>
/// The external schemas of one engine and what the binder needs of their tables. Each external schema names a
/// database of the metastore; the schemas themselves are kept in external_schemas.json in the data folder (written
/// then renamed, as the metastore is), or only in memory.
/// <para>
/// The binder is synchronous, the metastore asynchronous: table definitions are therefore cached here, loaded when
/// the catalog opens and refreshed by every DDL statement that changes a table (this process is the only writer of
/// the built-in metastore, so the cache stays exact). Partitions are not cached: scans read them from the metastore
/// each time they run.
/// </para>
/// </summary>
public sealed class ExternalCatalog
{
    public const string SchemasFileName = "external_schemas.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly ConcurrentDictionary<string, ExternalSchema> _schemas = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Table definitions by metastore database, then table name.</summary>
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, MetastoreTable>> _tables = new(StringComparer.OrdinalIgnoreCase);

    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly string? _schemasPath;

    private ExternalCatalog(IMetastore metastore, string? schemasPath)
    {
        Metastore = metastore;
        _schemasPath = schemasPath;
    }

    public IMetastore Metastore { get; }

    /// <summary>A catalog with no persistence: an in-memory metastore and schemas that last as long as the process.</summary>
    public static ExternalCatalog InMemory() => new(new InMemoryMetastore(), null);

    /// <summary>
    /// The external schemas kept in <paramref name="folder"/> (none when null: kept in memory only) over
    /// <paramref name="metastore"/>, with the definitions of their tables loaded.
    /// </summary>
    public static async Task<ExternalCatalog> OpenAsync(IMetastore metastore, string? folder, CancellationToken cancellationToken)
    {
        string? path = null;
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
            path = Path.Combine(folder, SchemasFileName);
        }

        var catalog = new ExternalCatalog(metastore, path);
        if (path is not null && File.Exists(path))
        {
            List<ExternalSchema>? schemas;
            try
            {
                await using var stream = File.OpenRead(path);
                schemas = await JsonSerializer.DeserializeAsync<List<ExternalSchema>>(stream, Json, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw new FederationException(ErrorCode.ObjectReadError, $"the external schema file {path} is not valid: {e.Message}", e);
            }

            foreach (var schema in schemas ?? [])
            {
                catalog._schemas[schema.Name] = schema;
                await catalog.RefreshDatabaseAsync(schema.Database, cancellationToken).ConfigureAwait(false);
            }
        }

        return catalog;
    }

    public IReadOnlyList<ExternalSchema> Schemas() => _schemas.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();

    public ExternalSchema? FindSchema(string name) => _schemas.GetValueOrDefault(name);

    /// <summary>The definition of schema.table, or null when the schema is not external or has no such table.</summary>
    public MetastoreTable? FindTable(string schema, string table) =>
        _schemas.TryGetValue(schema, out var external) && _tables.TryGetValue(external.Database, out var tables) ? tables.GetValueOrDefault(table) : null;

    /// <summary>The definitions of an external schema's tables, by name.</summary>
    public IReadOnlyList<MetastoreTable> Tables(string schema) =>
        _schemas.TryGetValue(schema, out var external) && _tables.TryGetValue(external.Database, out var tables)
            ? tables.Values.OrderBy(t => t.Name, StringComparer.Ordinal).ToArray()
            : [];

    /// <summary>Adds an external schema (its database must exist) and saves the list; false when one of that name exists.</summary>
    public async Task<bool> AddSchemaAsync(ExternalSchema schema, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_schemas.TryAdd(schema.Name, schema))
            {
                return false;
            }

            try
            {
                await RefreshDatabaseAsync(schema.Database, cancellationToken).ConfigureAwait(false);
                await SaveAsync().ConfigureAwait(false);
            }
            catch
            {
                _schemas.TryRemove(schema.Name, out _);
                throw;
            }

            return true;
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Removes an external schema (not its database) and saves the list; false when there is none of that name.</summary>
    public async Task<bool> RemoveSchemaAsync(string name, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_schemas.TryRemove(name, out var removed))
            {
                return false;
            }

            try
            {
                await SaveAsync().ConfigureAwait(false);
            }
            catch
            {
                _schemas[name] = removed;
                throw;
            }

            return true;
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Reloads the cached definitions of a database's tables from the metastore (none when it does not exist).</summary>
    public async Task RefreshDatabaseAsync(string database, CancellationToken cancellationToken)
    {
        var tables = new ConcurrentDictionary<string, MetastoreTable>(StringComparer.OrdinalIgnoreCase);
        if (await Metastore.GetDatabaseAsync(database, cancellationToken).ConfigureAwait(false) is not null)
        {
            foreach (var table in await Metastore.ListTablesAsync(database, cancellationToken).ConfigureAwait(false))
            {
                tables[table.Name] = table;
            }
        }

        _tables[database] = tables;
    }

    /// <summary>Reloads the cached definition of one table after a change (drops it from the cache when it is gone).</summary>
    public async Task RefreshTableAsync(string database, string table, CancellationToken cancellationToken)
    {
        var definition = await Metastore.GetDatabaseAsync(database, cancellationToken).ConfigureAwait(false) is null
            ? null
            : await Metastore.GetTableAsync(database, table, cancellationToken).ConfigureAwait(false);
        var tables = _tables.GetOrAdd(database, _ => new ConcurrentDictionary<string, MetastoreTable>(StringComparer.OrdinalIgnoreCase));
        if (definition is null)
        {
            tables.TryRemove(table, out _);
        }
        else
        {
            tables[definition.Name] = definition;
        }
    }

    private async Task SaveAsync()
    {
        if (_schemasPath is null)
        {
            return;
        }

        var schemas = Schemas();
        await AtomicFile.ReplaceAsync(_schemasPath, stream => JsonSerializer.SerializeAsync(stream, schemas, Json, CancellationToken.None)).ConfigureAwait(false);
    }
}
