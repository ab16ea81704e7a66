using Apache.Arrow;
using Apache.Arrow.Types;
using Federation.Catalog.External;
using Federation.Common.Arrow;
using Federation.Engine;
using Federation.Formats.Parquet;
using Federation.Samples.Tpch;
using Federation.Storage.S3;
using Federation.Testing;
using Federation.Tpch.Tests;

namespace Federation.Formats.Avro.Tests;

/// <summary>
/// TPC-H SF 0.1 (the Parquet files <see cref="TpchDataset"/> shares) rewritten as Avro by <see cref="AvroTestWriter"/>
/// into a real s3rver: lineitem in four deflate files, orders snappy, partsupp zstandard, customer bzip2, the rest
/// uncompressed; l_comment and o_comment as ["null", "string"] unions, decimals as bytes decimal(15,2), dates as int
/// date. <see cref="Engine"/> declares the eight tables in schema tpch with Spectrum's DDL, STORED AS AVRO.
/// </summary>
public sealed class TpchAvroFixture : IAsyncLifetime
{
    public const string Bucket = "tpchavro";

    public const string Schema = "tpch";

    public S3rverFixture S3 { get; } = new();

    public TpchDataset Parquet { get; } = new();

    public FederationEngine Engine { get; } = new(external: ExternalCatalog.InMemory());

    /// <summary>Bytes of lineitem's four Avro files, for the throughput figures.</summary>
    public long LineitemAvroBytes { get; private set; }

    public async Task InitializeAsync()
    {
        await S3.InitializeAsync();
        await S3.CreateBucketAsync(Bucket);
        var store = new S3ObjectStore(S3.Client, Bucket, S3.Options);
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
                "lineitem" => ("deflate", 4),
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
                var bytes = Write(schema, batches, written, Math.Min(rows, written + perFile), codec);
                written += perFile;
                await store.WriteAsync($"tpch/{name}/part-{f}.avro", bytes, default);
                if (name == "lineitem")
                {
                    LineitemAvroBytes += bytes.Length;
                }
            }
        }

        await CreateTablesAsync(Engine, store);
    }

    /// <summary>The eight tables in schema tpch of <paramref name="engine"/>, over the bucket in <paramref name="store"/>.</summary>
    public static async Task CreateTablesAsync(FederationEngine engine, S3ObjectStore? store)
    {
        if (store is not null)
        {
            engine.Stores.Register("s3", Bucket, store);
        }

        engine.RegisterFileFormat(new AvroFileFormat());
        var session = engine.CreateSession();
        await session.ExecuteAsync($"CREATE EXTERNAL SCHEMA {Schema} FROM DATA CATALOG DATABASE 'tpchavro' CREATE EXTERNAL DATABASE IF NOT EXISTS");
        foreach (var table in TpchSchemas.Tables)
        {
            var name = TpchSchemas.TableName(table);
            var columns = string.Join(", ", TpchSchemas.For(table).FieldsList.Select(f => $"{f.Name} {SqlType(f.DataType)}"));
            await session.ExecuteAsync($"CREATE EXTERNAL TABLE {Schema}.{name} ({columns}) STORED AS AVRO LOCATION 's3://{Bucket}/tpch/{name}/'");
        }
    }

    private static string SqlType(IArrowType type) => type switch
    {
        Int32Type => "int",
        Int64Type => "bigint",
        Decimal128Type d => $"decimal({d.Precision},{d.Scale})",
        Date32Type => "date",
        StringType => "varchar",
        _ => throw new NotSupportedException($"the TPC-H generator writes no {type.Name} column"),
    };

    private static string AvroType(Field field) => field.DataType switch
    {
        Int32Type => "\"int\"",
        Int64Type => "\"long\"",
        Decimal128Type d => $"{{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": {d.Precision}, \"scale\": {d.Scale}}}",
        Date32Type => "{\"type\": \"int\", \"logicalType\": \"date\"}",
        StringType when field.Name.EndsWith("_comment", StringComparison.Ordinal) => "[\"null\", \"string\"]",
        StringType => "\"string\"",
        _ => throw new NotSupportedException(field.DataType.Name),
    };

    /// <summary>Rows [<paramref name="from"/>, <paramref name="to"/>) of the batches as one Avro file, 4,000 records a block.</summary>
    private static byte[] Write(Schema schema, IReadOnlyList<RecordBatch> batches, long from, long to, string codec)
    {
        var json = "{\"type\": \"record\", \"name\": \"row\", \"fields\": [" +
                   string.Join(", ", schema.FieldsList.Select(f => $"{{\"name\": \"{f.Name}\", \"type\": {AvroType(f)}}}")) + "]}";
        var output = new MemoryStream();
        var writer = new AvroTestWriter(output, json, codec, 4000);
        var row = 0L;
        foreach (var batch in batches)
        {
            for (var r = 0; r < batch.Length; r++, row++)
            {
                if (row < from || row >= to)
                {
                    continue;
                }

                var e = writer.Record;
                for (var c = 0; c < batch.ColumnCount; c++)
                {
                    var column = batch.Column(c);
                    switch (column)
                    {
                        case Int32Array ints:
                            e.WriteLong(ints.GetValue(r)!.Value);
                            break;
                        case Int64Array longs:
                            e.WriteLong(longs.GetValue(r)!.Value);
                            break;
                        case Date32Array dates:
                            e.WriteLong(dates.Values[r]);
                            break;
                        case Decimal128Array:
                            e.WriteDecimal(ArrayFactory.DecimalValues(column)[r]);
                            break;
                        case StringArray strings:
                            if (schema.FieldsList[c].Name.EndsWith("_comment", StringComparison.Ordinal))
                            {
                                e.WriteLong(1);
                            }

                            e.WriteString(strings.GetString(r));
                            break;
                        default:
                            throw new NotSupportedException(column.GetType().Name);
                    }
                }

                writer.EndRecord();
            }
        }

        writer.Flush();
        return output.ToArray();
    }

    public Task DisposeAsync() => S3.DisposeAsync();
}
