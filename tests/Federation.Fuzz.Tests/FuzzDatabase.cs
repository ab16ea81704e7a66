using DuckDB.NET.Data;
using Federation.Engine;
using Federation.Formats.Parquet;
using Federation.Samples.Tpch;
using Federation.Testing;

namespace Federation.Fuzz.Tests;

/// <summary>
/// The data both engines fuzz over: TPC-H at scale factor 0.01 (generated once into artifacts/testdata, read by
/// Federation as Parquet tables and by DuckDB as views over the same files) and the edge tables, built in both by
/// the same SQL. Owns one Federation session and one DuckDB connection.
/// </summary>
public sealed class FuzzDatabase : IAsyncDisposable
{
    public const double ScaleFactor = 0.01;

    private FuzzDatabase(Session session, DuckDBConnection duckDb)
    {
        Session = session;
        DuckDb = duckDb;
    }

    public Session Session { get; }

    public DuckDBConnection DuckDb { get; }

    /// <summary>Every table a query may read.</summary>
    public static IReadOnlyList<FuzzTable> Tables { get; } = [.. TpchTables.Tables, .. EdgeTables.Tables];

    public static async Task<FuzzDatabase> CreateAsync()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "artifacts", "testdata", "tpch-sf0.01");
        new TpchGenerator(new TpchGeneratorOptions { ScaleFactor = ScaleFactor, OutputDirectory = folder }).Generate();

        var engine = new FederationEngine();
        var duckDb = new DuckDBConnection("Data Source=:memory:");
        duckDb.Open();
        // PostgreSQL's '/' of two integers is an integer division (truncating toward zero); DuckDB's is a double unless told.
        Execute(duckDb, "SET integer_division = true");
        foreach (var table in TpchTables.Tables)
        {
            engine.Catalog.TryAddTable(engine.Catalog.DefaultSchema, table.Name, new ParquetTable(table.Name, Path.Combine(folder, table.Name)));
            Execute(duckDb, $"CREATE VIEW {table.Name} AS SELECT * FROM read_parquet('{Path.Combine(folder, table.Name, "**", "*.parquet")}')");
        }

        var session = engine.CreateSession();
        foreach (var statement in EdgeTables.Script())
        {
            await (await session.ExecuteAsync(statement)).CollectAsync();
            Execute(duckDb, statement);
        }

        return new FuzzDatabase(session, duckDb);
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync() => await DuckDb.DisposeAsync();
}
