using Federation.Engine;
using Federation.Formats.Parquet;

namespace Federation.Cli;

/// <summary>Builds engines with every connector this program ships registered.</summary>
public static class EngineFactory
{
    public static FederationEngine Create()
    {
        var engine = new FederationEngine();
        engine.RegisterTableFunction(new ReadParquetFunction());
        return engine;
    }

    public static void RegisterParquet(FederationEngine engine, string name, string path)
    {
        if (!engine.Catalog.TryAddTable(engine.Catalog.DefaultSchema, name, new ParquetTable(name, path)))
        {
            throw new Common.FederationException(Common.ErrorCode.DuplicateObject, $"relation \"{name}\" already exists");
        }
    }

    /// <summary>The eight TPC-H tables of a folder written by the generator (one subfolder per table).</summary>
    public static void RegisterTpch(FederationEngine engine, string folder)
    {
        foreach (var table in new[] { "region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem" })
        {
            RegisterParquet(engine, table, Path.Combine(folder, table));
        }
    }
}
