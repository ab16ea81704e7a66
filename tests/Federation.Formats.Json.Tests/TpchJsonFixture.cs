using DuckDB.NET.Data;
using Federation.Engine;
using Federation.Physical.Files;
using Federation.Samples.Tpch;
using Federation.Storage.S3;
using Federation.Testing;
using Federation.Tpch.Tests;

namespace Federation.Formats.Json.Tests;

/// <summary>
/// TPC-H SF 0.1 as JSON lines: the generator's Parquet files written out by DuckDB (COPY ... (FORMAT JSON), one object
/// per table, kept under artifacts/testdata), declared with OpenX's JsonSerDe in schema tpch; fragments cut at 16 MiB
/// so lineitem is read in byte-range splits. DuckDB holds the reference: the same files loaded through its read_json,
/// with the same declared types.
/// </summary>
public sealed class TpchJsonFixture : TpchFormatFixture
{
    public const string Schema = "tpch";

    /// <summary>One folder per table, each with part-0.json.</summary>
    public string JsonFolder { get; } = Path.Combine(RepositoryPaths.Root, "artifacts", "testdata", "tpch-sf0.1-json");

    public override string Bucket => "tpchjson";

    protected override long FragmentTargetBytes => 16 << 20;

    protected override IEnumerable<IFileFormat> Formats() => [new JsonFileFormat()];

    protected override async Task WriteObjectsAsync(S3ObjectStore store)
    {
        WriteJson();
        foreach (var table in TpchSchemas.Tables.Select(TpchSchemas.TableName))
        {
            await store.WriteAsync($"tpch/{table}/part-0.json", await File.ReadAllBytesAsync(Path.Combine(JsonFolder, table, "part-0.json")), default);
        }
    }

    protected override void LoadReference()
    {
        foreach (var table in TpchSchemas.Tables)
        {
            var name = TpchSchemas.TableName(table);
            var columns = string.Join(", ", TpchSchemas.For(table).FieldsList.Select(f => $"'{f.Name}': '{DuckDbType(f.DataType)}'"));
            Execute($"CREATE TABLE {name} AS SELECT * FROM read_json('{Path.Combine(JsonFolder, name, "part-0.json")}', format = 'newline_delimited', columns = {{{columns}}})");
        }
    }

    /// <summary>The JSON-lines files, written once from the SF 0.1 Parquet files (a marker says they are complete).</summary>
    private void WriteJson()
    {
        var marker = Path.Combine(JsonFolder, "complete");
        if (File.Exists(marker))
        {
            return;
        }

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        foreach (var table in TpchSchemas.Tables.Select(TpchSchemas.TableName))
        {
            var folder = Path.Combine(JsonFolder, table);
            Directory.CreateDirectory(folder);
            using var command = connection.CreateCommand();
            command.CommandText =
                $"COPY (SELECT * FROM read_parquet('{Path.Combine(Parquet.Folder, table, "**", "*.parquet")}')) TO '{Path.Combine(folder, "part-0.json")}' (FORMAT JSON)";
            command.ExecuteNonQuery();
        }

        File.WriteAllText(marker, "written by TpchJsonFixture\n");
    }

    /// <summary>The eight tables as external JSON tables of schema tpch, typed as the generator writes them.</summary>
    protected override async Task DeclareTablesAsync(Session session)
    {
        await session.ExecuteAsync($"CREATE EXTERNAL SCHEMA {Schema} FROM DATA CATALOG DATABASE 'tpchjson' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        foreach (var table in TpchSchemas.Tables)
        {
            var name = TpchSchemas.TableName(table);
            var columns = string.Join(", ", TpchSchemas.For(table).FieldsList.Select(f => $"{f.Name} {SqlType(f.DataType)}"));
            await session.ExecuteAsync(
                $"CREATE EXTERNAL TABLE {Schema}.{name} ({columns}) ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' STORED AS TEXTFILE " +
                $"LOCATION 's3://{Bucket}/tpch/{name}/'");
        }
    }
}
