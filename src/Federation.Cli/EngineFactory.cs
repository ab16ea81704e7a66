using Federation.Catalog.External;
using Federation.Catalog.Glue;
using Federation.Catalog.Hive;
using Federation.Catalog.Metastore;
using Federation.Engine;
using Federation.Formats.Avro;
using Federation.Formats.Json;
using Federation.Formats.Orc;
using Federation.Formats.Parquet;
using Federation.Formats.Text;
using Federation.LocalTables;
using Federation.Storage;
using Federation.Storage.S3;

namespace Federation.Cli;

/// <summary>Builds engines with every connector this program ships registered.</summary>
public static class EngineFactory
{
    /// <summary>
    /// An engine whose read_parquet reaches local files and S3 (s3://, s3a://), configured by the standard AWS
    /// environment variables (AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL for S3-compatible stores, AWS_REGION, keys).
    /// </summary>
    public static FederationEngine Create() => Create(new S3StoreOptions());

    /// <summary>An engine whose external tables read objects as <paramref name="reading"/> says (the footer cache's size among it).</summary>
    public static FederationEngine Create(S3StoreOptions s3, ExternalCatalog? external = null, ObjectReadOptions? reading = null, QueryDefaults? limits = null,
        Execution.SpillSpace? spill = null, LocalTableStore? localTables = null)
    {
        var engine = new FederationEngine(external: external ?? ExternalCatalog.InMemory(HiveMetastores()), defaultOptions: limits?.ToExecutionOptions(),
            totalMemoryLimitBytes: limits?.TotalMemoryLimitBytes(), spill: spill, localTables: localTables);
        S3ObjectStore.Register(engine.Stores, s3);
        RegisterFormats(engine, reading);
        return engine;
    }

    /// <summary>
    /// Every file format fed reads (for external tables) and its read_* table function, over the engine's object
    /// stores: what fed serve, fed run and fed slt have, and the SQL logic test harnesses too, so the corpus's answers
    /// are the product's.
    /// </summary>
    public static void RegisterFormats(FederationEngine engine, ObjectReadOptions? reading = null)
    {
        engine.RegisterTableFunction(new ReadParquetFunction(engine.Stores));
        engine.RegisterTableFunction(new ReadJsonFunction(engine.Stores));
        engine.RegisterTableFunction(new ReadAvroFunction(engine.Stores));
        engine.RegisterTableFunction(new ReadOrcFunction(engine.Stores));
        engine.RegisterTableFunction(new ReadCsvFunction(engine.Stores));
        engine.RegisterFileFormat(new ParquetFileFormat(reading));
        engine.RegisterFileFormat(new TextFileFormat("text"));
        engine.RegisterFileFormat(new TextFileFormat("csv"));
        engine.RegisterFileFormat(new JsonFileFormat());
        engine.RegisterFileFormat(new AvroFileFormat());
        engine.RegisterFileFormat(new OrcFileFormat());
    }

    /// <summary>
    /// An engine whose external schemas and built-in metastore persist in <paramref name="dataFolder"/>/catalog
    /// (metastore.json, external_schemas.json) and whose local tables live in <paramref name="dataFolder"/>/tables,
    /// or all in memory when it is null.
    /// </summary>
    public static Task<FederationEngine> CreateAsync(string? dataFolder, CancellationToken cancellationToken) => CreateAsync(dataFolder, null, cancellationToken);

    /// <summary>As <see cref="CreateAsync(string?, CancellationToken)"/>, reading objects as <paramref name="reading"/> says.</summary>
    public static Task<FederationEngine> CreateAsync(string? dataFolder, ObjectReadOptions? reading, CancellationToken cancellationToken) =>
        CreateAsync(dataFolder, reading, null, cancellationToken);

    /// <summary>As <see cref="CreateAsync(string?, CancellationToken)"/>, with a server's limits for every statement.</summary>
    public static Task<FederationEngine> CreateAsync(string? dataFolder, ObjectReadOptions? reading, QueryDefaults? limits, CancellationToken cancellationToken) =>
        CreateAsync(dataFolder, reading, limits, null, cancellationToken);

    /// <summary>
    /// As <see cref="CreateAsync(string?, CancellationToken)"/>, with a server's limits for every statement and where its
    /// queries spill (by default the data folder's <c>spill</c> folder, or under the system's temporary folder without one).
    /// </summary>
    public static Task<FederationEngine> CreateAsync(string? dataFolder, ObjectReadOptions? reading, QueryDefaults? limits, SpillSettings? spill,
        CancellationToken cancellationToken) => CreateAsync(dataFolder, reading, limits, spill, null, cancellationToken);

    /// <summary>
    /// As <see cref="CreateAsync(string?, ObjectReadOptions?, QueryDefaults?, SpillSettings?, CancellationToken)"/>, with what
    /// FROM DATA CATALOG means (<paramref name="dataCatalog"/>: builtin or glue, as fed.json's DataCatalog says; null: FED_DATACATALOG).
    /// </summary>
    public static async Task<FederationEngine> CreateAsync(string? dataFolder, ObjectReadOptions? reading, QueryDefaults? limits, SpillSettings? spill,
        string? dataCatalog, CancellationToken cancellationToken)
    {
        var space = (spill ?? new SpillSettings()).ToSpillSpace(dataFolder);
        if (dataFolder is null)
        {
            return Create(new S3StoreOptions(), reading: reading, limits: limits, spill: space);
        }

        var folder = Path.Combine(dataFolder, "catalog");
        var metastore = await EmbeddedMetastore.OpenAsync(folder, cancellationToken).ConfigureAwait(false);
        var external = await ExternalCatalog.OpenAsync(metastore, folder, HiveMetastores(dataCatalog), cancellationToken).ConfigureAwait(false);
        // Local tables beside the catalog; opening finishes what a crash interrupted.
        var localTables = LocalTableStore.Open(Path.Combine(dataFolder, "tables"));
        return Create(new S3StoreOptions(), external, reading, limits, space, localTables);
    }

    /// <summary>
    /// How external schemas reach catalogs other than the built-in one: FROM HIVE METASTORE with the environment's
    /// settings (<see cref="HiveMetastoreOptions.FromEnvironment"/>), FROM DATA CATALOG in Glue when the DataCatalog
    /// setting (<paramref name="dataCatalog"/>, else FED_DATACATALOG) is glue (<see cref="GlueOptions.FromEnvironment"/>).
    /// </summary>
    public static IExternalMetastoreFactory HiveMetastores(string? dataCatalog = null) => new ExternalMetastores(
        new HiveMetastoreFactory(HiveMetastoreOptions.FromEnvironment()),
        new GlueMetastoreFactory(GlueOptions.FromEnvironment()),
        ExternalMetastores.ParseDataCatalog(dataCatalog ?? Environment.GetEnvironmentVariable("FED_DATACATALOG")));

    /// <summary>Registers the Parquet files of a location (a local path or an s3:// prefix) as a table.</summary>
    public static void RegisterParquet(FederationEngine engine, string name, string path)
    {
        var table = ParquetTable.OpenAsync(name, path, engine.Stores, ObjectReadOptions.Default, CancellationToken.None).GetAwaiter().GetResult();
        if (!engine.Catalog.TryAddTable(engine.Catalog.DefaultSchema, name, table))
        {
            throw new Common.FederationException(Common.ErrorCode.DuplicateObject, $"relation \"{name}\" already exists");
        }
    }

    /// <summary>The eight TPC-H tables of a folder written by the generator (one subfolder per table).</summary>
    public static void RegisterTpch(FederationEngine engine, string folder)
    {
        foreach (var table in new[] { "region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem" })
        {
            RegisterParquet(engine, table, folder.Contains("://", StringComparison.Ordinal) ? folder.TrimEnd('/') + "/" + table + "/" : Path.Combine(folder, table));
        }
    }
}
