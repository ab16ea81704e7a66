using Apache.Arrow;
using Apache.Arrow.Types;
using Federation.Samples.Tpch;
using ParquetSharp;

namespace Federation.Samples.Tests.Tpch;

/// <summary>Row counts, schemas, file layout, Parquet properties, determinism and the manifest's reuse rules.</summary>
public sealed class TpchGeneratorOutputTests(TpchScaleFactorHundredthFixture dataset) : IClassFixture<TpchScaleFactorHundredthFixture>
{
    /// <summary>What the default seed gives at SF 0.01; it changes only with <see cref="TpchGenerator.GeneratorVersion"/>.</summary>
    private const long LineItemsAtScaleFactorHundredth = 59_808;

    [Fact]
    public void Generate_WritesTheSpecificationsRowCounts()
    {
        var expected = new Dictionary<TpchTable, long>
        {
            [TpchTable.Region] = 5,
            [TpchTable.Nation] = 25,
            [TpchTable.Supplier] = 100,
            [TpchTable.Customer] = 1_500,
            [TpchTable.Part] = 2_000,
            [TpchTable.PartSupp] = 8_000,
            [TpchTable.Orders] = 15_000,
            [TpchTable.LineItem] = LineItemsAtScaleFactorHundredth,
        };
        foreach (var table in TpchSchemas.Tables)
        {
            long rowsInFiles = TableColumns.DataFiles(dataset.Root, table).Sum(RowsIn);
            Assert.True(expected[table] == rowsInFiles, $"{table}: expected {expected[table]} rows, the files hold {rowsInFiles}");
            Assert.Equal(rowsInFiles, dataset.Result.Manifest.RowCounts[table]);
        }
        Assert.InRange(LineItemsAtScaleFactorHundredth, 55_000, 65_000);
        Assert.False(dataset.Result.ReusedExisting);
    }

    [Fact]
    public void Generate_WritesOneFilePerTableAndTheManifest()
    {
        string[] expectedFiles =
        [
            "_tpch.json", "customer/customer.parquet", "lineitem/part-00000.parquet", "nation/nation.parquet",
            "orders/part-00000.parquet", "part/part.parquet", "partsupp/partsupp.parquet", "region/region.parquet",
            "supplier/supplier.parquet",
        ];
        Assert.Equal(expectedFiles, RelativeFiles(dataset.Root));
        Assert.Equal(expectedFiles.Where(file => file.EndsWith(".parquet", StringComparison.Ordinal)), dataset.Result.Manifest.Files.Select(file => file.Path));
        Assert.All(dataset.Result.Manifest.Files, file => Assert.Equal(new FileInfo(Path.Combine(dataset.Root, file.Path)).Length, file.Bytes));
    }

    [Fact]
    public void Generate_WritesTheSpecificationsSchemasWithoutNulls()
    {
        foreach (var table in TpchSchemas.Tables)
        {
            foreach (string file in TableColumns.DataFiles(dataset.Root, table))
            {
                using var reader = new ParquetSharp.Arrow.FileReader(file);
                var expected = TpchSchemas.For(table).FieldsList;
                var actual = reader.Schema.FieldsList;
                Assert.Equal(expected.Select(field => field.Name), actual.Select(field => field.Name));
                for (int index = 0; index < expected.Count; index++)
                {
                    Assert.Equal(expected[index].DataType.TypeId, actual[index].DataType.TypeId);
                    Assert.False(actual[index].IsNullable, $"{table}.{actual[index].Name} is nullable");
                    if (actual[index].DataType is Decimal128Type decimalType)
                    {
                        Assert.Equal((15, 2), (decimalType.Precision, decimalType.Scale));
                    }
                }
            }
        }
        Assert.Equal(["l_orderkey", "l_partkey", "l_suppkey", "l_linenumber"], TpchSchemas.LineItem.FieldsList.Take(4).Select(field => field.Name));
        Assert.IsType<Int64Type>(TpchSchemas.Orders.GetFieldByName("o_orderkey").DataType);
        Assert.IsType<Int32Type>(TpchSchemas.Orders.GetFieldByName("o_custkey").DataType);
        Assert.IsType<Date32Type>(TpchSchemas.LineItem.GetFieldByName("l_shipdate").DataType);
    }

    [Fact]
    public void Generate_WritesSnappyCompressedColumnChunksWithStatistics()
    {
        foreach (var file in dataset.Result.Manifest.Files)
        {
            using var reader = new ParquetFileReader(Path.Combine(dataset.Root, file.Path));
            for (int rowGroup = 0; rowGroup < reader.FileMetaData.NumRowGroups; rowGroup++)
            {
                using var rowGroupReader = reader.RowGroup(rowGroup);
                for (int column = 0; column < rowGroupReader.MetaData.NumColumns; column++)
                {
                    var chunk = rowGroupReader.MetaData.GetColumnChunkMetaData(column);
                    Assert.Equal(Compression.Snappy, chunk.Compression);
                    Assert.True(chunk.IsStatsSet, $"{file.Path} row group {rowGroup} column {column} has no statistics");
                }
            }
        }
    }

    [Fact]
    public void Generate_IsByteIdenticalWhateverTheParallelism()
    {
        using var again = new TemporaryDirectory();
        new TpchGenerator(new TpchGeneratorOptions
        {
            ScaleFactor = TpchScaleFactorHundredthFixture.ScaleFactor,
            OutputDirectory = again.Path,
            MaxDegreeOfParallelism = 1,
        }).Generate();

        var files = RelativeFiles(dataset.Root);
        Assert.Equal(files, RelativeFiles(again.Path));
        foreach (string file in files)
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(dataset.Root, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(again.Path, file))),
                $"{file} differs between two runs");
        }
    }

    [Fact]
    public void Generate_FillsRowGroupsOfTheRequestedSize()
    {
        using var directory = new TemporaryDirectory();
        var result = new TpchGenerator(new TpchGeneratorOptions
        {
            ScaleFactor = TpchScaleFactorHundredthFixture.ScaleFactor,
            OutputDirectory = directory.Path,
            RowsPerRowGroup = 10_000,
        }).Generate();

        Assert.Equal([10_000, 10_000, 10_000, 10_000, 10_000, LineItemsAtScaleFactorHundredth - 50_000], RowGroupSizes(Path.Combine(directory.Path, "lineitem/part-00000.parquet")));
        Assert.Equal([10_000, 5_000], RowGroupSizes(Path.Combine(directory.Path, "orders/part-00000.parquet")));
        Assert.Equal([5], RowGroupSizes(Path.Combine(directory.Path, "region/region.parquet")));
        Assert.Equal(10_000, result.Manifest.RowsPerRowGroup);
    }

    [Fact]
    public async Task Generate_PartitionedByMonth_WritesHiveFoldersOfTheSameRows()
    {
        using var directory = new TemporaryDirectory();
        var result = new TpchGenerator(new TpchGeneratorOptions
        {
            ScaleFactor = TpchScaleFactorHundredthFixture.ScaleFactor,
            OutputDirectory = directory.Path,
            PartitionByMonth = true,
        }).Generate();

        // One folder per month that has rows: orders 1992-01 to 1998-08, shipments 1992-01 to 1998-11 or 12.
        Assert.Equal(
            (await MonthsOfAsync(dataset.Root, TpchTable.LineItem, "l_shipdate")).Select(month => "l_shipmonth=" + month),
            SubfolderNames(Path.Combine(directory.Path, "lineitem")));
        Assert.Equal(
            (await MonthsOfAsync(dataset.Root, TpchTable.Orders, "o_orderdate")).Select(month => "o_ordermonth=" + month),
            SubfolderNames(Path.Combine(directory.Path, "orders")));
        Assert.Equal(Months(1992, 1, 80).Select(month => "o_ordermonth=" + month), SubfolderNames(Path.Combine(directory.Path, "orders")));
        Assert.Equal(Months(1992, 1, 83).Select(month => "l_shipmonth=" + month), SubfolderNames(Path.Combine(directory.Path, "lineitem")).Take(83));

        // Every row sits in the folder of its own month, and the data columns keep the full dates.
        await AssertRowsMatchTheirFolderAsync(directory.Path, TpchTable.LineItem, "l_shipdate");
        await AssertRowsMatchTheirFolderAsync(directory.Path, TpchTable.Orders, "o_orderdate");

        // The same rows as the unpartitioned layout: only their files differ.
        Assert.Equal(dataset.Result.Manifest.RowCounts, result.Manifest.RowCounts);
        await AssertSameRowsAsync(dataset.Root, directory.Path, TpchTable.LineItem, "l_orderkey", "l_extendedprice");
        await AssertSameRowsAsync(dataset.Root, directory.Path, TpchTable.Orders, "o_orderkey", "o_totalprice");
        foreach (string smallTable in new[] { "region/region.parquet", "nation/nation.parquet", "supplier/supplier.parquet", "partsupp/partsupp.parquet" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(dataset.Root, smallTable)), File.ReadAllBytes(Path.Combine(directory.Path, smallTable)));
        }
        Assert.True(result.Manifest.PartitionByMonth);
        Assert.Equal(RelativeFiles(directory.Path).Where(file => file != TpchManifest.FileName), result.Manifest.Files.Select(file => file.Path));
    }

    [Fact]
    public void Generate_ReusesADatasetWhoseManifestMatches()
    {
        using var directory = new TemporaryDirectory();
        var options = new TpchGeneratorOptions { ScaleFactor = TpchScaleFactorHundredthFixture.ScaleFactor, OutputDirectory = directory.Path };
        new TpchGenerator(options).Generate();
        var writeTimes = RelativeFiles(directory.Path).ToDictionary(file => file, file => File.GetLastWriteTimeUtc(Path.Combine(directory.Path, file)));

        var second = new TpchGenerator(options).Generate();

        Assert.True(second.ReusedExisting);
        Assert.Equal(LineItemsAtScaleFactorHundredth, second.Manifest.RowCounts[TpchTable.LineItem]);
        Assert.Equal(writeTimes, RelativeFiles(directory.Path).ToDictionary(file => file, file => File.GetLastWriteTimeUtc(Path.Combine(directory.Path, file))));
    }

    [Fact]
    public void Generate_ReplacesAnotherDatasetOnlyWhenAskedTo()
    {
        using var directory = new TemporaryDirectory();
        new TpchGenerator(new TpchGeneratorOptions { ScaleFactor = 0.01, OutputDirectory = directory.Path }).Generate();
        File.WriteAllText(Path.Combine(directory.Path, "notes.txt"), "not the generator's");
        var larger = new TpchGeneratorOptions { ScaleFactor = 0.02, OutputDirectory = directory.Path };

        Assert.Throws<IOException>(() => new TpchGenerator(larger).Generate());
        Assert.Equal(0.01, TpchManifest.TryRead(directory.Path)!.ScaleFactor);

        var result = new TpchGenerator(larger with { Overwrite = true }).Generate();

        Assert.False(result.ReusedExisting);
        Assert.Equal(0.02, TpchManifest.TryRead(directory.Path)!.ScaleFactor);
        Assert.Equal(200, result.Manifest.RowCounts[TpchTable.Supplier]);
        Assert.Equal(200, RowsIn(Path.Combine(directory.Path, "supplier/supplier.parquet")));
        Assert.True(File.Exists(Path.Combine(directory.Path, "notes.txt")));
    }

    [Fact]
    public void Generate_RegeneratesADatasetWithAMissingFile()
    {
        using var directory = new TemporaryDirectory();
        var options = new TpchGeneratorOptions { ScaleFactor = 0.01, OutputDirectory = directory.Path };
        new TpchGenerator(options).Generate();
        string nation = Path.Combine(directory.Path, "nation/nation.parquet");
        File.Delete(nation);

        Assert.Throws<IOException>(() => new TpchGenerator(options).Generate());
        var result = new TpchGenerator(options with { Overwrite = true }).Generate();

        Assert.False(result.ReusedExisting);
        Assert.Equal(25, RowsIn(nation));
    }

    [Fact]
    public void Generate_Cancelled_WritesNoManifest()
    {
        using var directory = new TemporaryDirectory();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(
            () => new TpchGenerator(new TpchGeneratorOptions { ScaleFactor = 0.01, OutputDirectory = directory.Path }).Generate(cancellation.Token));

        Assert.Null(TpchManifest.TryRead(directory.Path));
        Assert.DoesNotContain(RelativeFiles(directory.Path), file => file.EndsWith(".parquet", StringComparison.Ordinal));
    }

    [Fact]
    public void TryRead_IgnoresAManifestItCannotParse()
    {
        using var directory = new TemporaryDirectory();
        File.WriteAllText(Path.Combine(directory.Path, TpchManifest.FileName), "{ \"generator\": \"Federation.Samples.Tpch\", \"seed\": \"five\" }");

        Assert.Null(TpchManifest.TryRead(directory.Path));
        Assert.Throws<IOException>(() => new TpchGenerator(new TpchGeneratorOptions { ScaleFactor = 0.01, OutputDirectory = directory.Path }).Generate());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.0001)]
    [InlineData(double.NaN)]
    [InlineData(20_000.0)]
    public void Constructor_RejectsScaleFactorsOutOfRange(double scaleFactor) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TpchGenerator(new TpchGeneratorOptions { ScaleFactor = scaleFactor, OutputDirectory = "unused" }));

    private static async Task AssertRowsMatchTheirFolderAsync(string root, TpchTable table, string dateColumn)
    {
        foreach (string file in TableColumns.DataFiles(root, table))
        {
            string folder = Path.GetFileName(Path.GetDirectoryName(file))!;
            string month = folder[(folder.IndexOf('=', StringComparison.Ordinal) + 1)..];
            var columns = await TableColumns.ReadFileAsync(file);
            Assert.All(columns.Date(dateColumn), date => Assert.Equal(month, date.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    private static async Task AssertSameRowsAsync(string expectedRoot, string actualRoot, TpchTable table, string keyColumn, string valueColumn)
    {
        var expected = await TableColumns.ReadTableAsync(expectedRoot, table);
        var actual = await TableColumns.ReadTableAsync(actualRoot, table);
        Assert.Equal(
            expected.Int64(keyColumn).Zip(expected.Decimal(valueColumn)).Order(),
            actual.Int64(keyColumn).Zip(actual.Decimal(valueColumn)).Order());
    }

    private static async Task<List<string>> MonthsOfAsync(string root, TpchTable table, string dateColumn) =>
        [.. (await TableColumns.ReadTableAsync(root, table)).Date(dateColumn)
            .Select(date => date.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))
            .Distinct()
            .Order(StringComparer.Ordinal)];

    private static List<string> SubfolderNames(string directory) =>
        [.. Directory.GetDirectories(directory).Select(folder => Path.GetFileName(folder)).Order(StringComparer.Ordinal)];

    private static IEnumerable<string> Months(int year, int month, int count) =>
        Enumerable.Range(0, count).Select(offset => new DateOnly(year, month, 1).AddMonths(offset).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));

    private static List<string> RelativeFiles(string root) =>
        [.. Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)];

    private static long RowsIn(string parquetFile)
    {
        using var reader = new ParquetFileReader(parquetFile);
        return reader.FileMetaData.NumRows;
    }

    private static List<long> RowGroupSizes(string parquetFile)
    {
        using var reader = new ParquetFileReader(parquetFile);
        var sizes = new List<long>();
        for (int rowGroup = 0; rowGroup < reader.FileMetaData.NumRowGroups; rowGroup++)
        {
            using var rowGroupReader = reader.RowGroup(rowGroup);
            sizes.Add(rowGroupReader.MetaData.NumRows);
        }
        return sizes;
    }
}
