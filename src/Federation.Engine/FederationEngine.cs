using Federation.Catalog;
using Federation.Catalog.External;
using Federation.Engine.External;
using Federation.Engine.Workers;
using Federation.Execution;
using Federation.Functions;
using Federation.LocalTables;
using Federation.Physical.Files;
using Federation.Physical.Tables;
using Federation.Storage;

namespace Federation.Engine;

/// <summary>
/// The query engine of one process: the catalog, functions and table functions that every session shares.
/// Sessions carry their own settings.
/// </summary>
public sealed class FederationEngine
{
    private readonly Dictionary<string, ITableFunction> _tableFunctions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IFileFormat> _fileFormats = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="external">The external schemas and the metastore behind them; by default both in memory.</param>
    /// <param name="totalMemoryLimitBytes">What all running queries may hold together (default: 70% of what the process may use).</param>
    /// <param name="spill">Where queries spill when they would pass their memory limit (default: under the system's temporary folder).</param>
    /// <param name="localTables">
    /// Where CREATE TABLE keeps its tables on disk (their tables found at open join the catalog); without it they
    /// live in memory and end with the process.
    /// </param>
    public FederationEngine(ICatalog? catalog = null, FunctionRegistry? functions = null, ExecutionOptions? defaultOptions = null, ObjectStoreRegistry? stores = null,
        ExternalCatalog? external = null, long? totalMemoryLimitBytes = null, SpillSpace? spill = null, LocalTableStore? localTables = null)
    {
        Spill = spill ?? SpillSpace.Temporary;
        QueryMemory = new MemoryPool(totalMemoryLimitBytes ?? ExecutionOptions.DefaultTotalMemoryLimit());
        External = external ?? ExternalCatalog.InMemory();
        Stores = stores ?? new ObjectStoreRegistry();
        Catalog = catalog ?? new MemoryCatalog();
        Functions = functions ?? FunctionRegistry.Default;
        DefaultOptions = defaultOptions ?? new ExecutionOptions();
        LocalTables = localTables;
        foreach (var table in localTables?.OpenedTables ?? [])
        {
            if (!Catalog.SchemaExists(table.SchemaName))
            {
                Catalog.CreateSchema(table.SchemaName);
            }

            if (!Catalog.TryAddTable(table.SchemaName, table.Name, table))
            {
                throw new Common.FederationException(Common.ErrorCode.DuplicateObject,
                    $"local table \"{table.SchemaName}.{table.Name}\" in \"{table.Folder}\" has the name of another table");
            }
        }
    }

    /// <summary>The data folder's local tables, or null when CREATE TABLE keeps tables in memory.</summary>
    public LocalTableStore? LocalTables { get; }

    public ICatalog Catalog { get; }

    /// <summary>External schemas (CREATE EXTERNAL SCHEMA) and the metastore that describes their tables.</summary>
    public ExternalCatalog External { get; }

    /// <summary>What recent queries read from external tables (SVL_S3QUERY_SUMMARY, SVL_S3PARTITION).</summary>
    internal ExternalScanLog ScanLog { get; } = new();

    internal ScanErrorLog ScanErrorLog { get; } = new();

    /// <summary>The formats external tables can be stored as, by name ("parquet"); CREATE EXTERNAL TABLE refuses any other.</summary>
    public IReadOnlyDictionary<string, IFileFormat> FileFormats => _fileFormats;

    public void RegisterFileFormat(IFileFormat format) => _fileFormats[format.Name] = format;

    /// <summary>Where table locations lead: the local file system, and whatever object stores the host registered.</summary>
    public ObjectStoreRegistry Stores { get; }

    public FunctionRegistry Functions { get; }

    public ExecutionOptions DefaultOptions { get; }

    /// <summary>
    /// The memory every running query's own budget also draws from: many queries each within its memory_limit still
    /// cannot together take more than this. Its reserved bytes are what running queries hold now.
    /// </summary>
    public MemoryPool QueryMemory { get; }

    /// <summary>The folder sorts, hash aggregates and hash joins spill to when they would pass a query's memory limit, and its cap.</summary>
    public SpillSpace Spill { get; }

    /// <summary>
    /// The pool of workers external scans send fragments to while it has live workers (the coordinator sets it);
    /// null: every scan runs in this process.
    /// </summary>
    public IFragmentDispatcher? Dispatcher { get; set; }

    public IReadOnlyDictionary<string, ITableFunction> TableFunctions => _tableFunctions;

    public void RegisterTableFunction(ITableFunction function) => _tableFunctions[function.Name] = function;

    /// <summary>A session for <paramref name="user"/>; a read-only session runs queries, EXPLAIN, SET and SHOW only.</summary>
    public Session CreateSession(string user = "anonymous", bool readOnly = false) => new(this, user, readOnly);
}
