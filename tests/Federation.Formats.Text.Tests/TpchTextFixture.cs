using System.IO.Compression;
using DuckDB.NET.Data;
using Federation.Engine;
using Federation.Formats.Text;
using Federation.Physical.Files;
using Federation.Samples.Tpch;
using Federation.Storage.S3;
using Federation.Testing;
using Federation.Tpch.Tests;

namespace Federation.Formats.Text.Tests;

/// <summary>
/// TPC-H SF 0.1 twice, written by DuckDB from the generator's Parquet files (kept under artifacts/testdata): schema
/// <see cref="Tbl"/> as dbgen's `|`-delimited .tbl files, each line ending in the delimiter, orders and customer
/// gzip-compressed (a compressed object is one split, lineitem's 70 MB uncompressed object is cut into byte ranges);
/// schema <see cref="Csv"/> as CSV with a header line (comments holding commas are quoted), partsupp gzip-compressed,
/// read through OpenCSVSerde with skip.header.line.count. DuckDB's reference reads the same files with its read_csv,
/// with the same declared types, into schemas of the same names.
/// </summary>
public sealed class TpchTextFixture : TpchFormatFixture
{
    public const string Tbl = "tpch_tbl";

    public const string Csv = "tpch_csv";

    /// <summary>tbl/{table}/ and csv/{table}/, one object each.</summary>
    public string TextFolder { get; } = Path.Combine(RepositoryPaths.Root, "artifacts", "testdata", "tpch-sf0.1-text");

    public override string Bucket => "tpchtext";

    protected override long FragmentTargetBytes => 16 << 20;

    protected override IEnumerable<IFileFormat> Formats() => [new TextFileFormat("text"), new TextFileFormat("csv")];

    /// <summary>The object key under the bucket (and path under <see cref="TextFolder"/>) of a table in one of the two layouts.</summary>
    public static string ObjectKey(string layout, string table) => layout switch
    {
        "tbl" => $"tbl/{table}/{table}.tbl" + (table is "orders" or "customer" ? ".gz" : ""),
        _ => $"csv/{table}/{table}.csv" + (table is "partsupp" ? ".gz" : ""),
    };

    protected override async Task WriteObjectsAsync(S3ObjectStore store)
    {
        WriteText();
        foreach (var table in TpchSchemas.Tables.Select(TpchSchemas.TableName))
        {
            foreach (var layout in new[] { "tbl", "csv" })
            {
                var key = ObjectKey(layout, table);
                await store.WriteAsync(key, await File.ReadAllBytesAsync(Path.Combine(TextFolder, key)), default);
            }
        }
    }

    /// <summary>The text files, written once (a marker says they are complete).</summary>
    private void WriteText()
    {
        var marker = Path.Combine(TextFolder, "complete");
        if (File.Exists(marker))
        {
            return;
        }

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        foreach (var table in TpchSchemas.Tables.Select(TpchSchemas.TableName))
        {
            var source = $"read_parquet('{Path.Combine(Parquet.Folder, table, "**", "*.parquet")}')";
            var tbl = Path.Combine(TextFolder, ObjectKey("tbl", table));
            var csv = Path.Combine(TextFolder, ObjectKey("csv", table));
            Directory.CreateDirectory(Path.GetDirectoryName(tbl)!);
            Directory.CreateDirectory(Path.GetDirectoryName(csv)!);
            using var command = connection.CreateCommand();
            // An empty last field written after each row's values is dbgen's trailing delimiter. DuckDB quotes values
            // holding '#' ("Brand#45"); dbgen quotes nothing, and no TPC-H value holds a quote, so the quotes go.
            var unquoted = tbl + ".tmp";
            command.CommandText = $"COPY (SELECT *, NULL AS trailing FROM {source}) TO '{unquoted}' (FORMAT CSV, DELIMITER '|', HEADER false)";
            command.ExecuteNonQuery();
            var bytes = File.ReadAllBytes(unquoted);
            var kept = bytes.AsSpan();
            var length = 0;
            foreach (var b in bytes)
            {
                if (b != (byte)'"')
                {
                    kept[length++] = b;
                }
            }

            using (var output = File.Create(tbl))
            using (Stream writer = tbl.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(output, CompressionLevel.Fastest) : output)
            {
                writer.Write(kept[..length]);
            }

            File.Delete(unquoted);
            command.CommandText = $"COPY (SELECT * FROM {source}) TO '{csv}' (FORMAT CSV, HEADER true)";
            command.ExecuteNonQuery();
        }

        File.WriteAllText(marker, "written by TpchTextFixture\n");
    }

    protected override void LoadReference()
    {
        foreach (var (schema, layout) in new[] { (Tbl, "tbl"), (Csv, "csv") })
        {
            Execute($"CREATE SCHEMA {schema}");
            foreach (var table in TpchSchemas.Tables)
            {
                var name = TpchSchemas.TableName(table);
                var fields = TpchSchemas.For(table).FieldsList;
                var columns = string.Join(", ", fields.Select(f => $"'{f.Name}': '{DuckDbType(f.DataType)}'"));
                var path = Path.Combine(TextFolder, ObjectKey(layout, name));
                var read = layout == "tbl"
                    ? $"read_csv('{path}', delim = '|', header = false, columns = {{{columns}, 'trailing': 'VARCHAR'}})"
                    : $"read_csv('{path}', header = true, columns = {{{columns}}})";
                Execute($"CREATE TABLE {schema}.{name} AS SELECT {string.Join(", ", fields.Select(f => f.Name))} FROM {read}");
            }
        }
    }

    protected override async Task DeclareTablesAsync(Session session)
    {
        foreach (var (schema, layout) in new[] { (Tbl, "tbl"), (Csv, "csv") })
        {
            await session.ExecuteAsync($"CREATE EXTERNAL SCHEMA {schema} FROM DATA CATALOG DATABASE '{schema}' CREATE EXTERNAL DATABASE IF NOT EXISTS");
            foreach (var table in TpchSchemas.Tables)
            {
                var name = TpchSchemas.TableName(table);
                var columns = string.Join(", ", TpchSchemas.For(table).FieldsList.Select(f => $"{f.Name} {SqlType(f.DataType)}"));
                var storage = layout == "tbl"
                    ? "ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' STORED AS TEXTFILE"
                    : "ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde' WITH SERDEPROPERTIES ('separatorChar' = ',', 'quoteChar' = '\"', 'escapeChar' = '\"') STORED AS TEXTFILE";
                var properties = layout == "csv" ? " TABLE PROPERTIES ('skip.header.line.count' = '1')" : "";
                await session.ExecuteAsync($"CREATE EXTERNAL TABLE {schema}.{name} ({columns}) {storage} LOCATION 's3://{Bucket}/{layout}/{name}/'{properties}");
            }
        }
    }
}
