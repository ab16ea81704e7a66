using Federation.Engine;
using Federation.Formats.Parquet;
using Federation.Physical.Files;
using Federation.Samples.Tpch;
using Federation.Storage.S3;
using Federation.Tpch.Tests;

namespace Federation.Formats.Avro.Tests;

/// <summary>
/// TPC-H SF 0.1 rewritten as Avro (<see cref="TpchAvroFiles"/>): lineitem in two deflate files (of about 15 MB, so
/// that the pool splits each in two), orders snappy, partsupp zstandard, customer bzip2, the rest uncompressed;
/// l_comment and o_comment as ["null", "string"] unions, decimals as bytes decimal(15,2), dates as int date; the eight
/// tables declared STORED AS AVRO in schema tpch; fragments of about 4 MiB, so each lineitem file is read in two splits
/// by sync marker. DuckDB's reference is the Parquet twin.
/// </summary>
public sealed class TpchAvroFixture : TpchFormatFixture
{
    public const string Schema = "tpch";

    public override string Bucket => "tpchavro";

    protected override long FragmentTargetBytes => 4 << 20;

    protected override IEnumerable<IFileFormat> Formats() => [new AvroFileFormat()];

    protected override async Task WriteObjectsAsync(S3ObjectStore store)
    {
        var reader = new FederationEngine();
        reader.RegisterTableFunction(new ReadParquetFunction());
        var session = reader.CreateSession();
        foreach (var table in TpchSchemas.Tables)
        {
            var name = TpchSchemas.TableName(table);
            var result = await session.ExecuteAsync($"SELECT * FROM read_parquet('{Path.Combine(Parquet.Folder, name)}')");
            var batches = await result.CollectAsync();
            var (codec, files) = name switch
            {
                "lineitem" => ("deflate", 2),
                "orders" => ("snappy", 1),
                "partsupp" => ("zstandard", 1),
                "customer" => ("bzip2", 1),
                _ => ("null", 1),
            };
            var schema = TpchSchemas.For(table);
            var rows = batches.Sum(b => (long)b.Length);
            var perFile = (rows + files - 1) / files;
            var written = 0L;
            for (var f = 0; f < files; f++)
            {
                var bytes = TpchAvroFiles.Write(schema, batches, written, Math.Min(rows, written + perFile), codec, 4000);
                written += perFile;
                await store.WriteAsync($"tpch/{name}/part-{f}.avro", bytes, default);
            }
        }
    }

    protected override async Task DeclareTablesAsync(Session session)
    {
        await session.ExecuteAsync($"CREATE EXTERNAL SCHEMA {Schema} FROM DATA CATALOG DATABASE 'tpchavro' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        foreach (var table in TpchSchemas.Tables)
        {
            var name = TpchSchemas.TableName(table);
            var columns = string.Join(", ", TpchSchemas.For(table).FieldsList.Select(f => $"{f.Name} {SqlType(f.DataType)}"));
            await session.ExecuteAsync($"CREATE EXTERNAL TABLE {Schema}.{name} ({columns}) STORED AS AVRO LOCATION 's3://{Bucket}/tpch/{name}/'");
        }
    }
}
