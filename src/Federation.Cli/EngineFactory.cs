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
}
