using Federation.Catalog.Metastore;
using Federation.Common;
using Federation.Storage;

namespace Federation.Catalog.Tests;

/// <summary>
/// The metastore contract, run against the in-memory metastore and the embedded (persisted) one; the embedded one
/// also keeps everything across a reopen and never leaves a half-written file behind.
/// </summary>
public sealed class MetastoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "federation-metastore-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    public static TheoryData<string> Kinds() => new() { "memory", "embedded" };

    private async Task<IMetastore> CreateAsync(string kind) =>
        kind == "memory" ? new InMemoryMetastore() : await EmbeddedMetastore.OpenAsync(_folder, default);

    private static MetastoreTable Sales(string database = "spectrumdb") => new(
        database,
        "sales",
        [new MetastoreColumn("salesid", "integer"), new MetastoreColumn("price", "decimal(8,2)")],
        [new MetastoreColumn("saledate", "date"), new MetastoreColumn("region", "varchar(10)")],
        "s3://bucket/sales/",
        new MetastoreStorage("parquet", "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat", null,
            "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", new Dictionary<string, string>()),
        new Dictionary<string, string> { ["numRows"] = "172000" });

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Databases_are_created_listed_and_dropped(string kind)
    {
        var metastore = await CreateAsync(kind);
        await metastore.CreateDatabaseAsync(MetastoreDatabase.Named("SpectrumDb"), default);
        Assert.Equal("SpectrumDb", (await metastore.GetDatabaseAsync("spectrumdb", default))!.Name);
        Assert.Equal(["SpectrumDb"], (await metastore.ListDatabasesAsync(default)).Select(d => d.Name));

        var duplicate = await Assert.ThrowsAsync<FederationException>(() => metastore.CreateDatabaseAsync(MetastoreDatabase.Named("spectrumdb"), default));
        Assert.Equal(ErrorCode.DuplicateObject, duplicate.Code);
        Assert.Contains("\"spectrumdb\" already exists", duplicate.Message, StringComparison.Ordinal);

        await metastore.CreateTableAsync(Sales(), default);
        var restricted = await Assert.ThrowsAsync<FederationException>(() => metastore.DropDatabaseAsync("spectrumdb", cascade: false, default));
        Assert.Contains("still has 1 table(s) (sales)", restricted.Message, StringComparison.Ordinal);

        await metastore.DropDatabaseAsync("spectrumdb", cascade: true, default);
        Assert.Null(await metastore.GetDatabaseAsync("spectrumdb", default));
        var missing = await Assert.ThrowsAsync<FederationException>(() => metastore.DropDatabaseAsync("spectrumdb", cascade: true, default));
        Assert.Equal(ErrorCode.SchemaNotFound, missing.Code);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Tables_are_created_altered_and_dropped(string kind)
    {
        var metastore = await CreateAsync(kind);
        var missingDatabase = await Assert.ThrowsAsync<FederationException>(() => metastore.CreateTableAsync(Sales(), default));
        Assert.Contains("database \"spectrumdb\" does not exist", missingDatabase.Message, StringComparison.Ordinal);

        await metastore.CreateDatabaseAsync(MetastoreDatabase.Named("spectrumdb"), default);
        await metastore.CreateTableAsync(Sales(), default);
        var table = (await metastore.GetTableAsync("spectrumdb", "SALES", default))!;
        Assert.Equal(Sales().Columns, table.Columns);
        Assert.Equal(Sales().PartitionKeys, table.PartitionKeys);
        Assert.Equal("172000", table.Properties["numRows"]);
        Assert.Empty(await metastore.ListPartitionsAsync("spectrumdb", "sales", default));

        await metastore.AlterTableAsync(table with { Location = "s3://bucket/moved/" }, default);
        Assert.Equal("s3://bucket/moved/", (await metastore.GetTableAsync("spectrumdb", "sales", default))!.Location);
        var columns = await Assert.ThrowsAsync<FederationException>(() => metastore.AlterTableAsync(table with { Columns = [] }, default));
        Assert.Equal(ErrorCode.NotSupported, columns.Code);

        var duplicate = await Assert.ThrowsAsync<FederationException>(() => metastore.CreateTableAsync(Sales(), default));
        Assert.Contains("table \"sales\" already exists in database \"spectrumdb\"", duplicate.Message, StringComparison.Ordinal);

        await metastore.DropTableAsync("spectrumdb", "sales", default);
        Assert.Null(await metastore.GetTableAsync("spectrumdb", "sales", default));
        var missing = await Assert.ThrowsAsync<FederationException>(() => metastore.DropTableAsync("spectrumdb", "sales", default));
        Assert.Equal(ErrorCode.TableNotFound, missing.Code);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Partitions_are_added_all_or_none_moved_and_dropped(string kind)
    {
        var metastore = await CreateAsync(kind);
        await metastore.CreateDatabaseAsync(MetastoreDatabase.Named("spectrumdb"), default);
        await metastore.CreateTableAsync(Sales(), default);
        var january = new MetastorePartition(["2008-01-01", "eu"], "s3://bucket/sales/saledate=2008-01-01/region=eu/");
        var unknown = new MetastorePartition(["2008-01-01", null], "s3://bucket/sales/saledate=2008-01-01/region=__HIVE_DEFAULT_PARTITION__/");
        await metastore.AddPartitionsAsync("spectrumdb", "sales", [january, unknown], default);

        var february = new MetastorePartition(["2008-02-01", "eu"], "s3://bucket/sales/saledate=2008-02-01/region=eu/");
        var duplicate = await Assert.ThrowsAsync<FederationException>(() => metastore.AddPartitionsAsync("spectrumdb", "sales", [february, january], default));
        Assert.Contains("partition saledate=2008-01-01/region=eu of table \"spectrumdb.sales\" already exists", duplicate.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await metastore.ListPartitionsAsync("spectrumdb", "sales", default)).Count);

        var arity = await Assert.ThrowsAsync<FederationException>(() => metastore.AddPartitionsAsync("spectrumdb", "sales", [new MetastorePartition(["x"], "s3://b/x/")], default));
        Assert.Contains("has 2 partition key(s), but a partition gives 1 value(s)", arity.Message, StringComparison.Ordinal);

        await metastore.AlterPartitionAsync("spectrumdb", "sales", january with { Location = "s3://bucket/elsewhere/" }, default);
        Assert.Equal("s3://bucket/elsewhere/", (await metastore.ListPartitionsAsync("spectrumdb", "sales", default))[0].Location);

        await metastore.DropPartitionsAsync("spectrumdb", "sales", [["2008-01-01", null]], default);
        Assert.Equal([january.Values], (await metastore.ListPartitionsAsync("spectrumdb", "sales", default)).Select(p => p.Values));
        var missing = await Assert.ThrowsAsync<FederationException>(() => metastore.DropPartitionsAsync("spectrumdb", "sales", [["2008-01-01", null]], default));
        Assert.Contains("partition saledate=2008-01-01/region=__HIVE_DEFAULT_PARTITION__ of table \"spectrumdb.sales\" does not exist", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_embedded_metastore_keeps_everything_across_a_reopen()
    {
        var first = await EmbeddedMetastore.OpenAsync(_folder, default);
        await first.CreateDatabaseAsync(MetastoreDatabase.Named("spectrumdb"), default);
        await first.CreateTableAsync(Sales(), default);
        await first.AddPartitionsAsync("spectrumdb", "sales", [new MetastorePartition(["2008-01-01", null], "s3://bucket/sales/a/")], default);

        var reopened = await EmbeddedMetastore.OpenAsync(_folder, default);
        var table = (await reopened.GetTableAsync("spectrumdb", "sales", default))!;
        Assert.Equal(Sales().Columns, table.Columns);
        Assert.Equal(Sales().Storage.SerdeLibrary, table.Storage.SerdeLibrary);
        Assert.Equal("172000", table.Properties["numRows"]);
        var partition = Assert.Single(await reopened.ListPartitionsAsync("spectrumdb", "sales", default));
        Assert.Equal(["2008-01-01", null], partition.Values);

        // Only the document itself is left in the folder: temporary files were renamed over it.
        Assert.Equal([EmbeddedMetastore.FileName], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_failed_change_is_not_made()
    {
        var metastore = await EmbeddedMetastore.OpenAsync(_folder, default);
        await metastore.CreateDatabaseAsync(MetastoreDatabase.Named("spectrumdb"), default);
        await Assert.ThrowsAsync<FederationException>(() => metastore.CreateDatabaseAsync(MetastoreDatabase.Named("spectrumdb"), default));
        var reopened = await EmbeddedMetastore.OpenAsync(_folder, default);
        Assert.Single(await reopened.ListDatabasesAsync(default));
    }

    [Fact]
    public async Task A_corrupt_catalog_file_is_an_error_naming_it()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, EmbeddedMetastore.FileName);
        await File.WriteAllTextAsync(path, "{\"Version\": 1, \"Databases\": [");
        var error = await Assert.ThrowsAsync<FederationException>(() => EmbeddedMetastore.OpenAsync(_folder, default));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-01-01", "2024-01-01")]
    [InlineData("a%2Fb%3Dc", "a/b=c")]
    [InlineData("__HIVE_DEFAULT_PARTITION__", null)]
    public void Partition_folder_names_are_unescaped(string folder, string? value)
    {
        Assert.Equal(value, PartitionNames.Unescape(folder));
        Assert.Equal(folder, PartitionNames.Escape(value));
    }
}
