using System.Collections.Concurrent;
using System.Text.Json;
using Federation.Catalog.Metastore;
using Federation.Common;

namespace Federation.Catalog.External;

/// <summary>
/// The external schemas of one engine and what the binder needs of their tables. Each external schema names a
/// database of a metastore: the built-in one (<see cref="Metastore"/>) for FROM DATA CATALOG, or one that
/// <see cref="IExternalMetastoreFactory"/> opens for FROM HIVE METASTORE (<see cref="MetastoreFor"/>); the schemas themselves are kept in external_schemas.json in the data folder (written
/// then renamed, as the metastore is), or only in memory.
/// <para>
/// The binder is synchronous, the metastore asynchronous: table definitions are therefore cached here, loaded when
/// the catalog opens and refreshed by every DDL statement that changes a table (this process is the only writer of
/// the built-in metastore, so the cache stays exact). A remote metastore has other writers: its schemas' table lists
/// are refreshed before each statement that binds (<see cref="RefreshRemoteAsync"/>), so tables created by other
/// tools appear at once. Partitions are not cached: scans read them from the metastore each time they run.
/// </para>
/// </summary>
public sealed class ExternalCatalog
{
    public const string SchemasFileName = "external_schemas.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly ConcurrentDictionary<string, ExternalSchema> _schemas = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Table definitions by <see cref="CacheKey"/> (the metastore and its database), then table name.</summary>
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, MetastoreTable>> _tables = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The opened remote metastores, by <see cref="IExternalMetastoreFactory.MetastoreKey"/>: schemas over the same
    /// metastore share one client and one metadata cache, so DDL through one schema is seen through the others.
    /// </summary>
    private readonly ConcurrentDictionary<string, IMetastore> _remote = new(StringComparer.OrdinalIgnoreCase);

    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly string? _schemasPath;
    private readonly IExternalMetastoreFactory? _factory;

    private ExternalCatalog(IMetastore metastore, string? schemasPath, IExternalMetastoreFactory? factory)
    {
        Metastore = metastore;
        _schemasPath = schemasPath;
        _factory = factory;
    }

    /// <summary>The built-in metastore, which serves FROM DATA CATALOG.</summary>
    public IMetastore Metastore { get; }

    /// <summary>A catalog with no persistence: an in-memory metastore and schemas that last as long as the process.</summary>
    public static ExternalCatalog InMemory(IExternalMetastoreFactory? factory = null) => new(new InMemoryMetastore(), null, factory);

    /// <summary>Whether schemas FROM HIVE METASTORE can be made (a factory was given).</summary>
    public bool SupportsRemoteMetastores => _factory is not null;

    /// <summary>The metastore that holds <paramref name="schema"/>'s database.</summary>
    /// <summary>What FROM DATA CATALOG means here: the built-in catalog, or Glue when the server's DataCatalog setting says so.</summary>
    public ExternalSchemaCatalog DataCatalog => _factory?.DataCatalog ?? ExternalSchemaCatalog.DataCatalog;

    public IMetastore MetastoreFor(ExternalSchema schema) => schema.Catalog switch
    {
        ExternalSchemaCatalog.DataCatalog => Metastore,
        _ when _factory is null => throw new FederationException(ErrorCode.NotSupported,
            $"schema \"{schema.Name}\" is {(schema.Catalog == ExternalSchemaCatalog.Glue ? "FROM DATA CATALOG in AWS Glue" : "FROM HIVE METASTORE")}, which this server was started without"),
        _ => _remote.GetOrAdd(_factory.MetastoreKey(schema), _ => _factory.Open(schema)),
    };

    /// <summary>The key of a schema's table cache: schemas over the same database of the same metastore share it.</summary>
    private string CacheKey(ExternalSchema schema) => schema.Catalog == ExternalSchemaCatalog.DataCatalog || _factory is null
        ? schema.Database
        : _factory.MetastoreKey(schema) + "/" + schema.Database;

    /// <summary>
    /// The external schemas kept in <paramref name="folder"/> (none when null: kept in memory only) over
    /// <paramref name="metastore"/>, with the definitions of their tables loaded.
    /// </summary>
    public static Task<ExternalCatalog> OpenAsync(IMetastore metastore, string? folder, CancellationToken cancellationToken) =>
        OpenAsync(metastore, folder, null, cancellationToken);

    /// <summary>
    /// As <see cref="OpenAsync(IMetastore, string?, CancellationToken)"/>, opening remote metastores with <paramref name="factory"/>.
    /// A remote metastore that cannot be reached now does not stop the catalog opening: its tables are loaded when it answers.
    /// </summary>
    public static async Task<ExternalCatalog> OpenAsync(IMetastore metastore, string? folder, IExternalMetastoreFactory? factory, CancellationToken cancellationToken)
    {
        string? path = null;
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
            path = Path.Combine(folder, SchemasFileName);
        }

        var catalog = new ExternalCatalog(metastore, path, factory);
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
                if (schema.Catalog == ExternalSchemaCatalog.DataCatalog)
                {
                    await catalog.RefreshDatabaseAsync(schema, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return catalog;
    }

    public IReadOnlyList<ExternalSchema> Schemas() => _schemas.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();

    public ExternalSchema? FindSchema(string name) => _schemas.GetValueOrDefault(name);

    /// <summary>The definition of schema.table, or null when the schema is not external or has no such table.</summary>
    public MetastoreTable? FindTable(string schema, string table) =>
        _schemas.TryGetValue(schema, out var external) && _tables.TryGetValue(CacheKey(external), out var tables) ? tables.GetValueOrDefault(table) : null;

    /// <summary>The definitions of an external schema's tables, by name.</summary>
    public IReadOnlyList<MetastoreTable> Tables(string schema) =>
        _schemas.TryGetValue(schema, out var external) && _tables.TryGetValue(CacheKey(external), out var tables)
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
                await RefreshDatabaseAsync(schema, cancellationToken).ConfigureAwait(false);
                await SaveAsync().ConfigureAwait(false);
            }
            catch
            {
                _schemas.TryRemove(schema.Name, out _);
                ForgetRemote(schema);
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

            ForgetRemote(removed);

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

    /// <summary>Reloads the cached definitions of a schema's tables from its metastore (none when its database does not exist).</summary>
    public async Task RefreshDatabaseAsync(ExternalSchema schema, CancellationToken cancellationToken)
    {
        var metastore = MetastoreFor(schema);
        var tables = new ConcurrentDictionary<string, MetastoreTable>(StringComparer.OrdinalIgnoreCase);
        if (await metastore.GetDatabaseAsync(schema.Database, cancellationToken).ConfigureAwait(false) is not null)
        {
            foreach (var table in await metastore.ListTablesAsync(schema.Database, cancellationToken).ConfigureAwait(false))
            {
                tables[table.Name] = table;
            }
        }

        _tables[CacheKey(schema)] = tables;
    }

    /// <summary>Reloads the cached definition of one table after a change (drops it from the cache when it is gone).</summary>
    public async Task RefreshTableAsync(ExternalSchema schema, string table, CancellationToken cancellationToken)
    {
        var metastore = MetastoreFor(schema);
        var definition = await metastore.GetDatabaseAsync(schema.Database, cancellationToken).ConfigureAwait(false) is null
            ? null
            : await metastore.GetTableAsync(schema.Database, table, cancellationToken).ConfigureAwait(false);
        var tables = _tables.GetOrAdd(CacheKey(schema), _ => new ConcurrentDictionary<string, MetastoreTable>(StringComparer.OrdinalIgnoreCase));
        if (definition is null)
        {
            tables.TryRemove(table, out _);
        }
        else
        {
            tables[definition.Name] = definition;
        }
    }

    /// <summary>
    /// Brings the table lists of the schemas over remote metastores up to date: one table-name listing per schema,
    /// and a look-up of each table not cached yet (tables dropped elsewhere leave the cache). A metastore that does
    /// not answer keeps what was cached; queries on its partitioned tables then fail naming it.
    /// </summary>
    public async Task RefreshRemoteAsync(CancellationToken cancellationToken)
    {
        foreach (var schema in _schemas.Values)
        {
            if (schema.Catalog == ExternalSchemaCatalog.DataCatalog)
            {
                continue;
            }

            try
            {
                var metastore = MetastoreFor(schema);
                var names = await metastore.ListTableNamesAsync(schema.Database, cancellationToken).ConfigureAwait(false);
                var tables = _tables.GetOrAdd(CacheKey(schema), _ => new ConcurrentDictionary<string, MetastoreTable>(StringComparer.OrdinalIgnoreCase));
                var present = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
                foreach (var cached in tables.Keys)
                {
                    if (!present.Contains(cached))
                    {
                        tables.TryRemove(cached, out _);
                    }
                }

                foreach (var name in names)
                {
                    if (!tables.ContainsKey(name) && await metastore.GetTableAsync(schema.Database, name, cancellationToken).ConfigureAwait(false) is { } table)
                    {
                        tables[table.Name] = table;
                    }
                }
            }
            catch (FederationException e) when (e.Code == ErrorCode.CatalogUnavailable)
            {
                // Keep the cached list: a statement that does not touch this schema must not fail because its metastore is down.
            }
        }
    }

    /// <summary>Closes the client of a schema's metastore once no schema left uses that metastore.</summary>
    private void ForgetRemote(ExternalSchema schema)
    {
        if (schema.Catalog == ExternalSchemaCatalog.DataCatalog || _factory is null)
        {
            return;
        }

        var key = _factory.MetastoreKey(schema);
        foreach (var other in _schemas.Values)
        {
            if (other.Catalog != ExternalSchemaCatalog.DataCatalog && string.Equals(_factory.MetastoreKey(other), key, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
        }

        if (_remote.TryRemove(key, out var metastore))
        {
            (metastore as IDisposable)?.Dispose();
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
