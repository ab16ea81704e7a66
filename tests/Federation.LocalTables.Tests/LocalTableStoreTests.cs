using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Execution;
using Federation.Logical;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Physical;
using Federation.Physical.Tables;

namespace Federation.LocalTables.Tests;

/// <summary>Tables in a real folder: commits, snapshots, zone-map skipping, and what opening does with a crash's leftovers.</summary>
public sealed class LocalTableStoreTests : IDisposable
{
    private static readonly TableColumn[] Columns = [new("id", SqlType.Int64, false), new("name", SqlType.String)];

    private readonly string _root = Directory.CreateTempSubdirectory("fed-local-").FullName;

    [Fact]
    public async Task Appends_commit_new_versions_and_a_reopened_store_reads_them_back()
    {
        var store = LocalTableStore.Open(_root);
        var table = store.Create("public", "t", Columns, [Rows(0, 10)]);
        await table.AppendAsync([Rows(10, 5), Rows(15, 5)], CancellationToken.None);
        Assert.Equal(2, table.Manifest.Version);
        Assert.Equal(20, table.Manifest.RowCount);

        var reopened = Assert.Single(LocalTableStore.Open(_root).OpenedTables);
        Assert.Equal(("public", "t", 2L), (reopened.SchemaName, reopened.Name, reopened.Manifest.Version));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), await ReadIdsAsync(reopened, []));
    }

    [Fact]
    public async Task A_scan_keeps_the_version_it_was_planned_on_while_a_writer_commits()
    {
        var table = LocalTableStore.Open(_root).Create("public", "t", Columns, [Rows(0, 100)]);
        var scan = Scan(table, []);
        await table.AppendAsync([Rows(100, 100)], CancellationToken.None);
        await table.TruncateAsync(CancellationToken.None);
        Assert.Equal(100, (await ReadIdsAsync(scan)).Count);
        Assert.Empty(await ReadIdsAsync(table, []));
    }

    [Fact]
    public async Task Zone_maps_skip_row_groups_a_filter_rules_out()
    {
        var table = LocalTableStore.Open(_root).Create("public", "t", Columns, []);
        for (var g = 0; g < 10; g++)
        {
            await table.AppendAsync([Rows(g * 2000, 2000)], CancellationToken.None);
        }

        Assert.Equal(10, table.Manifest.RowGroups.Count);
        var id = new PlanColumn(7, "id", SqlType.Int64, false);
        var filter = new BinaryExpr(BinaryOp.GreaterOrEqual, new ColumnRef(id), new Literal(ScalarValue.Int64(17_500)), SqlType.Boolean);
        var ids = await ReadIdsAsync(table, [filter], id);

        // The engine re-applies the filter to the rows of the two groups that may hold matches.
        Assert.Equal(4000, ids.Count);
        Assert.Equal(16_000L, ids.Min());
        Assert.Equal(8, table.Counters.RowGroupsSkipped);
        Assert.Equal(2, table.Counters.RowGroupsRead);
        Assert.Equal(2, table.Counters.BlocksRead); // only the projected column's blocks
    }

    [Fact]
    public void Opening_removes_what_a_crash_left_and_keeps_committed_tables()
    {
        var store = LocalTableStore.Open(_root);
        var table = store.Create("public", "t", Columns, [Rows(0, 10)]);
        // A CREATE that never committed, a commit whose manifest never landed, a temporary manifest.
        var unborn = Directory.CreateDirectory(Path.Combine(_root, "0123456789abcdef")).FullName;
        File.WriteAllText(Path.Combine(unborn, "seg-0000000001-x.blk"), "partial");
        File.WriteAllText(Path.Combine(table.Folder, "seg-0000000002-y.blk"), "partial");
        File.WriteAllText(Path.Combine(table.Folder, "manifest-2.tmp"), "{");

        var reopened = LocalTableStore.Open(_root);
        Assert.Equal(3, reopened.RemovedFiles);
        Assert.False(Directory.Exists(unborn));
        var files = Directory.GetFiles(table.Folder).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["manifest.json", table.Manifest.RowGroups[0].File], files);
        Assert.Equal(10, Assert.Single(reopened.OpenedTables).Manifest.RowCount);
    }

    [Fact]
    public async Task Encode_attributes_are_honoured_and_survive_a_reopen()
    {
        var store = LocalTableStore.Open(_root);
        ColumnEncoding[] encodings = [ColumnEncoding.Parse("RAW", "id", SqlType.Int64), ColumnEncoding.Parse("bytedict", "name", SqlType.String)];
        store.Create("public", "t", Columns, [Rows(0, 3000)], encodings);
        var reopened = Assert.Single(LocalTableStore.Open(_root).OpenedTables);
        Assert.Equal(["raw", "bytedict"], reopened.Manifest.Encodings.Select(e => e.Name));
        await reopened.AppendAsync([Rows(3000, 3000)], CancellationToken.None);
        foreach (var group in reopened.Manifest.RowGroups)
        {
            Assert.Equal(BlockEncoding.Plain, group.Columns[0].Encoding);
            Assert.Equal(BlockEncoding.Dictionary, group.Columns[1].Encoding);
            // RAW: no general compressor either, so the block is the header plus its 8-byte values.
            Assert.Equal(ColumnBlockCodec.HeaderBytes + 1 + 3000 * 8, group.Columns[0].Length);
        }

        Assert.Equal(Enumerable.Range(0, 6000).Select(i => (long)i), await ReadIdsAsync(reopened, []));
        var e = Assert.Throws<FederationException>(() => ColumnEncoding.Parse("az65", "price", SqlType.Int64));
        Assert.Contains("\"price\"", e.Message, StringComparison.Ordinal);
        Assert.Throws<FederationException>(() => ColumnEncoding.Parse("delta", "name", SqlType.String));
    }

    [Fact]
    public void A_dropped_table_does_not_come_back()
    {
        var store = LocalTableStore.Open(_root);
        var table = store.Create("public", "t", Columns, [Rows(0, 10)]);
        LocalTableStore.Drop(table);
        Assert.Empty(LocalTableStore.Open(_root).OpenedTables);
        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public async Task A_corrupt_segment_is_an_error_naming_the_file()
    {
        var table = LocalTableStore.Open(_root).Create("public", "t", Columns, [Rows(0, 5000)]);
        var path = Path.Combine(table.Folder, table.Manifest.RowGroups[0].File);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[bytes.Length / 2] ^= 0x5A;
        await File.WriteAllBytesAsync(path, bytes);
        var e = await Assert.ThrowsAsync<FederationException>(() => ReadIdsAsync(table, []));
        Assert.Equal(ErrorCode.CorruptObject, e.Code);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    private static RecordBatch Rows(int start, int count)
    {
        var ids = ArrayFactory.AllocateValues<long>(count);
        var values = ArrayFactory.ValuesOf<long>(ids);
        var names = VariableWidthBuilder.Utf8(count);
        for (var i = 0; i < count; i++)
        {
            values[i] = start + i;
            if (i % 7 == 0)
            {
                names.AppendNull();
            }
            else
            {
                names.Append("name " + ((start + i) % 50));
            }
        }

        var schema = PhysicalOperator.BuildSchema(Columns.Select(c => new PhysicalField(c.Name, c.Type, c.Nullable)).ToArray());
        return new RecordBatch(schema, [ArrayFactory.Fixed(SqlType.Int64, ids, count, null), names.Build()], count);
    }

    private static PhysicalOperator Scan(LocalTable table, IReadOnlyList<Expr> filters, PlanColumn? id = null) =>
        table.Scan(new ScanRequest([new ScanColumn(0, id ?? new PlanColumn(1, "id", SqlType.Int64, false))], filters, null, 4));

    private static Task<List<long>> ReadIdsAsync(LocalTable table, IReadOnlyList<Expr> filters, PlanColumn? id = null) => ReadIdsAsync(Scan(table, filters, id));

    private static async Task<List<long>> ReadIdsAsync(PhysicalOperator scan)
    {
        var ids = new List<long>();
        var context = new TaskContext(new ExecutionOptions(), CancellationToken.None, 0);
        for (var p = 0; p < scan.OutputPartitionCount; p++)
        {
            await foreach (var batch in scan.ExecuteAsync(p, context))
            {
                var values = (Int64Array)batch.Column(0);
                for (var i = 0; i < values.Length; i++)
                {
                    ids.Add(values.GetValue(i)!.Value);
                }
            }
        }

        ids.Sort();
        return ids;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
