using Federation.Engine;
using Federation.Testing;
using ParquetSharp;

namespace Federation.Formats.Parquet.Tests;

/// <summary>
/// Filters over dictionary-encoded string columns, which the scan evaluates once per distinct value (and once for
/// NULL) while the column stays encoded: every predicate shape, NULLs included, gives the answer the plan's own filter
/// gives over decoded values (the same filter above a LIMIT, through which nothing is pushed).
/// </summary>
public sealed class DictionaryFilterTests : IDisposable
{
    private const int Rows = 5000;
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"fed-dictionary-{Guid.NewGuid():N}.parquet");

    public DictionaryFilterTests()
    {
        // Two row groups; mode cycles through five values and NULL, note through 40 values: both dictionary-encoded.
        string[] modes = ["AIR", "MAIL", "SHIP", "RAIL", "TRUCK"];
        using var writer = new ParquetFileWriter(_path, [new Column<long>("id"), new Column<string>("mode"), new Column<string>("note")]);
        for (var g = 0; g < 2; g++)
        {
            using var rowGroup = writer.AppendRowGroup();
            var ids = Enumerable.Range(g * Rows / 2, Rows / 2).Select(i => (long)i).ToArray();
            using (var id = rowGroup.NextColumn().LogicalWriter<long>())
            {
                id.WriteBatch(ids);
            }

            using (var mode = rowGroup.NextColumn().LogicalWriter<string>())
            {
                mode.WriteBatch(ids.Select(i => i % 6 == 5 ? null! : modes[i % 6]).ToArray());
            }

            using (var note = rowGroup.NextColumn().LogicalWriter<string>())
            {
                note.WriteBatch(ids.Select(i => $"note {i % 40}").ToArray());
            }
        }

        writer.Close();
    }

    public void Dispose() => File.Delete(_path);

    private FederationEngine Engine()
    {
        var engine = new FederationEngine();
        engine.Catalog.TryAddTable(engine.Catalog.DefaultSchema, "t", new ParquetTable("t", _path));
        return engine;
    }

    [Theory]
    [InlineData("mode IN ('MAIL', 'SHIP')")]
    [InlineData("mode = 'AIR' AND note LIKE 'note 1%'")]
    [InlineData("mode <> 'AIR'")]
    [InlineData("mode IS NULL")]
    [InlineData("mode IS NULL OR mode = 'RAIL'")]
    [InlineData("coalesce(mode, 'none') = 'none'")]
    [InlineData("NOT (mode IN ('MAIL', 'SHIP'))")]
    [InlineData("lower(mode) LIKE '%a%' AND id < 3000")]
    [InlineData("mode || note = 'AIRnote 0'")]
    [InlineData("mode NOT LIKE 'T%'")]
    public async Task A_filter_over_an_encoded_column_keeps_the_rows_the_plan_keeps(string predicate)
    {
        var engine = Engine();
        var table = "t";
        var pushed = await ResultRows.OfAsync(engine.CreateSession(), $"SELECT id, mode, note FROM {table} WHERE {predicate} ORDER BY id");
        var above = await ResultRows.OfAsync(engine.CreateSession(), $"SELECT id, mode, note FROM (SELECT * FROM {table} LIMIT 100000) t WHERE {predicate} ORDER BY id");
        Assert.NotEmpty(above);
        Assert.Equal(above, pushed);
    }

    [Fact]
    public async Task The_columns_are_dictionary_encoded_and_counts_over_them_are_exact()
    {
        using (var file = new ParquetFileReader(_path))
        {
            using var rowGroup = file.RowGroup(1);
            using var chunk = rowGroup.MetaData.GetColumnChunkMetaData(1);
            Assert.Contains(Encoding.RleDictionary, chunk.Encodings);
        }

        // 0, 6, 12, ... are AIR (834 rows), 4, 10, ... TRUCK (833), 5, 11, ... NULL (833).
        var engine = Engine();
        var rows = await ResultRows.OfAsync(engine.CreateSession(), "SELECT count(*), count(mode), min(mode), max(note) FROM t WHERE mode IN ('AIR', 'TRUCK') OR mode IS NULL");
        Assert.Equal(["2500|1667|AIR|note 9"], rows);
    }
}
