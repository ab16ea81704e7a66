using System.Globalization;
using Apache.Arrow.Flight;
using Federation.Common.Types;
using Federation.Exchange;
using Federation.Logical;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Storage;
using Federation.Testing;
using Google.Protobuf;
using Grpc.Core;
using Proto = Federation.Exchange.Protocol;

namespace Federation.Worker.Tests;

/// <summary>
/// A real `fed worker` process runs fragments of TPC-H tables in s3rver and returns exactly the rows the engine's own
/// scan and filter return in this process; refuses tickets not signed with the cluster secret, or expired; fails a
/// fragment naming a corrupt or missing object and keeps serving.
/// </summary>
public sealed class WorkerProcessTests(WorkerFixture fixture) : IClassFixture<WorkerFixture>
{
    private const string Lineitem = "tpch/lineitem/";
    private const string Partsupp = "tpch/partsupp/";

    /// <summary>The filter both sides apply: l_quantity &lt; 5 AND l_shipmonth &gt;= '1997-01' (a data column and the partition column).</summary>
    private const string LineitemSql =
        "SELECT l_orderkey, l_linenumber, l_extendedprice, l_shipmonth FROM read_parquet('s3://lake/tpch/lineitem/') WHERE l_quantity < 5 AND l_shipmonth >= '1997-01'";

    [Fact]
    public async Task Fragments_of_a_partitioned_table_return_exactly_the_rows_the_scan_and_filter_return_in_process()
    {
        var objects = await fixture.ListAsync(Lineitem);
        var table = await LineitemTable.OpenAsync(fixture, objects[0]);

        // Three fragments, every third object each, run at once on the one worker.
        var fragments = Enumerable.Range(0, 3).Select(k => table.Fragment($"t1/f{k}", objects.Where((_, i) => i % 3 == k).ToArray(), table.Filters, limit: null)).ToArray();
        var results = await Task.WhenAll(fragments.Select(f => fixture.FetchWithMetricsAsync(fixture.Ticket(f))));

        var expected = await fixture.SqlAsync(LineitemSql);
        var actual = results.SelectMany(r => r.Rows).ToList();

        // Each worker says what it did: it pruned the objects of months before 1997 by their partition value, opened
        // the others and scanned every row of them (no row group's l_quantity statistics rule the filter out), of
        // which only the matching ones came back.
        for (var k = 0; k < 3; k++)
        {
            var metrics = results[k].Metrics;
            var kept = objects.Where((o, i) => i % 3 == k && string.CompareOrdinal(LineitemTable.Month(o.Key), "1997-01") >= 0).ToList();
            long keptRows = 0;
            foreach (var o in kept)
            {
                keptRows += (await fixture.FooterAsync(o)).Rows;
            }

            Assert.Equal(fragments[k].Objects.Count - kept.Count, Counter(metrics, "files_pruned"));
            Assert.Equal(kept.Count, Counter(metrics, "files_opened"));
            Assert.Equal(keptRows, Counter(metrics, FragmentMetrics.RowsScanned));
            Assert.Equal(results[k].Rows.Count, Counter(metrics, FragmentMetrics.RowsReturned));
        }

        Assert.True(expected.Count > 100, $"{expected.Count} rows");
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Select(WithoutPath).Order(StringComparer.Ordinal));

        // "$path" is each row's own object, below its partition's folder.
        foreach (var row in actual)
        {
            var values = row.Split('|');
            Assert.StartsWith($"s3://lake/tpch/lineitem/l_shipmonth={values[3]}/", values[4], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Row_groups_of_one_object_split_between_fragments_return_each_row_once()
    {
        var file = Assert.Single(await fixture.ListAsync(Partsupp));
        var info = await fixture.FooterAsync(file);
        var groups = info.RowGroupRows.Count;
        Assert.Equal(8, groups);
        var table = PartsuppTable(info);

        // The rest first: the worker keeps the object's footer, so the first three row groups cost only their chunks.
        var rest = await fixture.FetchAsync(fixture.Ticket(table.Fragment("t2/f1", [Object(file, [], Enumerable.Range(3, groups - 3).ToArray())], [], null)));
        var (first, metrics) = await fixture.FetchWithMetricsAsync(fixture.Ticket(table.Fragment("t2/f0", [Object(file, [], [0, 1, 2])], [], null)));

        Assert.Equal(info.RowGroupRows.Take(3).Sum(), first.Count);
        Assert.Equal((3, first.Count, first.Count), (Counter(metrics, "row_groups"), Counter(metrics, FragmentMetrics.RowsScanned), Counter(metrics, FragmentMetrics.RowsReturned)));

        // One GET per row group, of exactly its three projected column chunks (adjacent, the first three), as the footer sizes them.
        Assert.Equal((3L, ProjectedChunkBytes(Path.Combine(fixture.LocalFolder, "partsupp"), [0, 1, 2], 3)), (Counter(metrics, "requests"), Counter(metrics, "bytes_read")));
        Assert.Equal(info.RowGroupRows.Skip(3).Sum(), rest.Count);
        var expected = await fixture.SqlAsync("SELECT ps_partkey, ps_suppkey, ps_availqty FROM read_parquet('s3://lake/tpch/partsupp/')");
        Assert.Equal(expected.Order(StringComparer.Ordinal), first.Concat(rest).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_fragment_with_a_filter_and_a_limit_returns_that_many_matching_rows()
    {
        var objects = await fixture.ListAsync(Lineitem);
        var table = await LineitemTable.OpenAsync(fixture, objects[0]);

        var limited = await fixture.FetchAsync(fixture.Ticket(table.Fragment("t3/f0", objects, table.Filters, limit: 7)));

        var matching = (await fixture.SqlAsync(LineitemSql)).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(7, limited.Count);
        Assert.All(limited, row => Assert.Contains(WithoutPath(row), matching));

        // Without a filter the scan itself stops at the limit.
        var file = Assert.Single(await fixture.ListAsync(Partsupp));
        var partsupp = PartsuppTable(await fixture.FooterAsync(file));
        Assert.Equal(10, (await fixture.FetchAsync(fixture.Ticket(partsupp.Fragment("t3/f1", [Object(file, [])], [], 10)))).Count);
    }

    [Fact]
    public async Task Tickets_not_signed_with_the_cluster_secret_or_expired_are_refused_with_the_reason()
    {
        var file = Assert.Single(await fixture.ListAsync(Partsupp));
        var fragment = PartsuppTable(await fixture.FooterAsync(file)).Fragment("t4/f0", [Object(file, [])], [], null);
        var bytes = FragmentCodec.Encode(fragment);

        var unsigned = new Proto.SignedTicket
        {
            Version = FragmentTicket.CurrentVersion,
            IssuedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            ExpiresAtMs = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds(),
            Fragment = ByteString.CopyFrom(bytes),
        }.ToByteArray();
        var foreign = FragmentTicket.Sign(bytes, ClusterSecret.FromText("not-the-cluster-secret-of-this-worker-000000"), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        var expired = FragmentTicket.Sign(bytes, fixture.Secret, DateTimeOffset.UtcNow.AddMinutes(-10), TimeSpan.FromMinutes(1));

        Assert.Contains("the scan fragment is not signed", await RefusedAsync(unsigned, StatusCode.Unauthenticated), StringComparison.Ordinal);
        Assert.Contains("signature is wrong", await RefusedAsync(foreign, StatusCode.Unauthenticated), StringComparison.Ordinal);
        Assert.Contains("the ticket expired at", await RefusedAsync(expired, StatusCode.Unauthenticated), StringComparison.Ordinal);

        // A Flight SQL client that finds the worker is told where to go.
        var info = await Assert.ThrowsAsync<RpcException>(async () => await fixture.Client.GetInfo(FlightDescriptor.CreateCommandDescriptor("SELECT 1")));
        Assert.Equal(StatusCode.Unimplemented, info.StatusCode);
        Assert.Contains("this is a Federation worker", info.Status.Detail, StringComparison.Ordinal);

        // The same fragment, signed with the secret, runs.
        Assert.Equal(8000, (await fixture.FetchAsync(fixture.Ticket(fragment))).Count);
    }

    [Fact]
    public async Task A_corrupt_or_missing_object_fails_its_fragment_naming_it_and_the_worker_runs_the_next()
    {
        await fixture.Store.WriteAsync("broken/part-0.parquet", "this is not parquet at all, just text"u8.ToArray(), CancellationToken.None);
        var broken = (await fixture.ListAsync("broken/")).Single();
        var file = Assert.Single(await fixture.ListAsync(Partsupp));
        var table = PartsuppTable(await fixture.FooterAsync(file));

        var corrupt = await Assert.ThrowsAsync<RpcException>(() => fixture.FetchAsync(fixture.Ticket(table.Fragment("t5/f0", [Object(broken, [])], [], null))));
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.FetchAsync(fixture.Ticket(table.Fragment("t5/f1", [Object(new ObjectMeta("gone/part-0.parquet", 5000, DateTimeOffset.UtcNow, null), [])], [], null))));

        Assert.Equal(StatusCode.DataLoss, corrupt.StatusCode);
        Assert.Contains("fragment t5/f0", corrupt.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("s3://lake/broken/part-0.parquet", corrupt.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("CorruptObject", corrupt.Trailers.GetValue(WorkerErrors.ErrorCodeTrailer));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Contains("s3://lake/gone/part-0.parquet", missing.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("ObjectNotFound", missing.Trailers.GetValue(WorkerErrors.ErrorCodeTrailer));

        // An object that no longer has the row groups the coordinator planned with is an error naming it too.
        var changed = await Assert.ThrowsAsync<RpcException>(() => fixture.FetchAsync(fixture.Ticket(table.Fragment("t5/f2", [Object(file, [], [7, 8])], [], null))));
        Assert.Contains($"s3://lake/{file.Key}: row group 8 was asked for, but the file has 8", changed.Status.Detail, StringComparison.Ordinal);

        // An object rewritten since the coordinator listed it (another ETag) is not read as if it were the listed one.
        var rewritten = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.FetchAsync(fixture.Ticket(table.Fragment("t5/f4", [Object(file with { ETag = "\"0123456789abcdef0123456789abcdef\"" }, [])], [], null))));
        Assert.Contains($"s3://lake/{file.Key}: the object changed while the statement read it (ETag \"0123456789abcdef0123456789abcdef\" when listed", rewritten.Status.Detail,
            StringComparison.Ordinal);
        Assert.Equal(StatusCode.Aborted, rewritten.StatusCode);
        Assert.Equal("ObjectChanged", rewritten.Trailers.GetValue(WorkerErrors.ErrorCodeTrailer));

        Assert.Equal(8000, (await fixture.FetchAsync(fixture.Ticket(table.Fragment("t5/f3", [Object(file, [])], [], null)))).Count);
    }

    [Fact]
    public async Task A_fragment_cancelled_by_its_caller_ends_and_the_worker_runs_the_next()
    {
        var objects = await fixture.ListAsync(Lineitem);
        var table = await LineitemTable.OpenAsync(fixture, objects[0]);
        var expected = (await fixture.SqlAsync(LineitemSql)).Count;
        Assert.True(expected > 0);

        // Once run whole, the worker keeps the objects' footers: a fragment over them reads each object only when it
        // gets to its row groups.
        Assert.Equal(expected, (await fixture.FetchAsync(fixture.Ticket(table.Fragment("t6/f0", objects, table.Filters, null)))).Count);

        // The last object waits at a gate until the cancel is done: the fragment streams the others' batches, but
        // cannot finish before the cancel, so what ends it is the cancel.
        var last = $"/lake/{objects[^1].Key}";
        using (fixture.S3Proxy.Close(path => path == last))
        {
            using var cancel = new CancellationTokenSource();
            using var call = fixture.Client.GetStream(new FlightTicket(ByteString.CopyFrom(fixture.Ticket(table.Fragment("t6/f1", objects, [], null)))),
                null, null, cancel.Token);

            var first = call.ResponseStream.MoveNext(CancellationToken.None);
            await Eventually.CompletesAsync(first, "the fragment's first batch arrives");
            Assert.True(await first);
            await cancel.CancelAsync();
            var error = await Assert.ThrowsAsync<RpcException>(async () =>
            {
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                }
            });

            Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        }

        Assert.Equal(expected, (await fixture.FetchAsync(fixture.Ticket(table.Fragment("t6/f2", objects, table.Filters, null)))).Count);
    }

    [Fact]
    public async Task A_worker_without_a_long_enough_cluster_secret_refuses_to_start()
    {
        var (missing, missingErrors) = await FedProcess.RunToExitAsync("worker", [], new Dictionary<string, string> { ["FED_CLUSTER_SECRET"] = string.Empty });
        var (shortSecret, shortErrors) = await FedProcess.RunToExitAsync("worker", ["--secret", "swordfish"]);

        Assert.Equal(1, missing);
        Assert.Contains("no cluster secret: set FED_CLUSTER_SECRET", missingErrors, StringComparison.Ordinal);
        Assert.Equal(1, shortSecret);
        Assert.Contains("the cluster secret has 9 characters; it needs at least 32", shortErrors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_whose_checksum_does_not_match_fails_its_fragment_unless_the_session_turned_checks_off()
    {
        var corrupt = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.SharedTestData!, "parquet", "datapage_v1-corrupt-checksum.parquet"));
        await fixture.Store.WriteAsync("checksums/part-0.parquet", corrupt, CancellationToken.None);
        var file = Assert.Single(await fixture.ListAsync("checksums/"));
        var info = await fixture.FooterAsync(file);
        TableColumn[] columns = [.. info.Columns.Select(c => new TableColumn(c.Name, c.Type)), new("$path", SqlType.String, Hidden: true), new("$size", SqlType.Int64, Hidden: true)];
        var table = new ScanTable("checked", columns, info.Columns.Count, Scan(columns, "a", "b"), [0, 1]);
        var fragment = table.Fragment("t9/f0", [Object(file, [])], [], null);

        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.FetchAsync(fixture.Ticket(fragment)));
        Assert.Contains("fragment t9/f0: cannot read Parquet file s3://lake/checksums/part-0.parquet: IOError: could not verify page integrity, CRC checksum verification failed",
            error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("CorruptObject", error.Trailers.GetValue(WorkerErrors.ErrorCodeTrailer));

        // SET parquet_verify_checksums = off travels in the fragment: the worker reads the pages as they are, flipped bits and all.
        var rows = await fixture.FetchAsync(fixture.Ticket(fragment with { VerifyPageChecksums = false }));
        Assert.Equal(5120, rows.Count);
        Assert.Equal((43118090496L, 129016190976L), (rows.Sum(r => long.Parse(r.Split('|')[0], CultureInfo.InvariantCulture)),
            rows.Sum(r => long.Parse(r.Split('|')[1], CultureInfo.InvariantCulture))));
    }

    private async Task<string> RefusedAsync(byte[] ticket, StatusCode status)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.FetchAsync(ticket));
        Assert.Equal(status, error.StatusCode);
        return error.Status.Detail;
    }

    private static string WithoutPath(string row) => row[..row.LastIndexOf('|')];

    /// <summary>
    /// The bytes of the first <paramref name="columns"/> column chunks of each of <paramref name="rowGroups"/> of the one
    /// Parquet file in <paramref name="folder"/>, as its footer sizes them (a row group's chunks lie one after another).
    /// </summary>
    private static long ProjectedChunkBytes(string folder, int[] rowGroups, int columns)
    {
        using var file = new ParquetSharp.ParquetFileReader(Assert.Single(Directory.GetFiles(folder, "*.parquet")));
        long bytes = 0;
        foreach (var g in rowGroups)
        {
            using var rowGroup = file.RowGroup(g);
            for (var c = 0; c < columns; c++)
            {
                using var chunk = rowGroup.MetaData.GetColumnChunkMetaData(c);
                bytes += chunk.TotalCompressedSize;
            }
        }

        return bytes;
    }

    /// <summary>A counter the worker sent, which must be there: a missing one fails instead of reading as 0.</summary>
    private static long Counter(FragmentMetrics metrics, string name) =>
        metrics.Counters.TryGetValue(name, out var value) ? value : throw new Xunit.Sdk.XunitException($"the worker sent no {name}: {string.Join(", ", metrics.Counters)}");

    private static FragmentObject Object(ObjectMeta meta, IReadOnlyList<ScalarValue> partitionValues, IReadOnlyList<int>? rowGroups = null) =>
        new("s3://lake", meta.Key, meta.Size, meta.ETag, meta.LastModified, [.. partitionValues, ScalarValue.String("s3://lake/" + meta.Key), ScalarValue.Int64(meta.Size)],
            rowGroups);

    /// <summary>partsupp: its data columns from the footer, no partitions; the scan returns ps_partkey, ps_suppkey, ps_availqty.</summary>
    private static ScanTable PartsuppTable(Formats.Parquet.ParquetFileInfo info)
    {
        TableColumn[] columns = [.. info.Columns.Select(c => new TableColumn(c.Name, c.Type)), new("$path", SqlType.String, Hidden: true), new("$size", SqlType.Int64, Hidden: true)];
        return new ScanTable("partsupp", columns, info.Columns.Count, Scan(columns, "ps_partkey", "ps_suppkey", "ps_availqty"), [0, 1, 2]);
    }

    private static ScanColumn[] Scan(IReadOnlyList<TableColumn> columns, params string[] names) =>
        names.Select((name, i) =>
        {
            var index = columns.Select(c => c.Name).ToList().IndexOf(name);
            return new ScanColumn(index, new PlanColumn(i + 1, name, columns[index].Type, columns[index].Nullable));
        }).ToArray();

    /// <summary>A table as a fragment describes it, and which of its scan columns come back.</summary>
    private sealed record ScanTable(string Name, IReadOnlyList<TableColumn> Columns, int DataColumns, IReadOnlyList<ScanColumn> Scan, IReadOnlyList<int> Output)
    {
        public ScanFragment Fragment(string id, IReadOnlyList<FragmentObject> objects, IReadOnlyList<Expr> filters, long? limit) =>
            new(id, Name, "parquet", new Dictionary<string, string>(), Columns, DataColumns, objects, Scan, Output, filters, limit, 0);
    }

    /// <summary>
    /// lineitem, partitioned by l_shipmonth: the scan reads l_orderkey, l_linenumber, l_extendedprice, l_quantity,
    /// l_shipmonth and "$path", and returns all but l_quantity, which only the filter reads.
    /// </summary>
    private sealed record LineitemTable(ScanTable Table, IReadOnlyList<Expr> Filters)
    {
        public static async Task<LineitemTable> OpenAsync(WorkerFixture fixture, ObjectMeta sample)
        {
            var info = await fixture.FooterAsync(sample);
            TableColumn[] columns =
            [
                .. info.Columns.Select(c => new TableColumn(c.Name, c.Type)),
                new("l_shipmonth", SqlType.String),
                new("$path", SqlType.String, Hidden: true),
                new("$size", SqlType.Int64, Hidden: true),
            ];
            var scan = Scan(columns, "l_orderkey", "l_linenumber", "l_extendedprice", "l_quantity", "l_shipmonth", "$path");
            var quantity = scan[3].Column;
            Expr[] filters =
            [
                new BinaryExpr(BinaryOp.Less, new ColumnRef(quantity), Literal.Of(Number(quantity.Type, 5)), SqlType.Boolean),
                new BinaryExpr(BinaryOp.GreaterOrEqual, new ColumnRef(scan[4].Column), Literal.Of(ScalarValue.String("1997-01")), SqlType.Boolean),
            ];
            return new LineitemTable(new ScanTable("lineitem", columns, info.Columns.Count, scan, [0, 1, 2, 4, 5]), filters);
        }

        public ScanFragment Fragment(string id, IReadOnlyList<ObjectMeta> objects, IReadOnlyList<Expr> filters, long? limit) =>
            Table.Fragment(id, objects.Select(o => Object(o, [ScalarValue.String(Month(o.Key))])).ToArray(), filters, limit);

        public static string Month(string key)
        {
            const string marker = "l_shipmonth=";
            var start = key.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
            return key[start..key.IndexOf('/', start)];
        }

        private static ScalarValue Number(SqlType type, int value) => type.Kind switch
        {
            TypeKind.Decimal => ScalarValue.Decimal(value * (Int128)Math.Pow(10, type.Scale), type.Precision, type.Scale),
            TypeKind.Float64 => ScalarValue.Float64(value),
            TypeKind.Int64 => ScalarValue.Int64(value),
            TypeKind.Int32 => ScalarValue.Int32(value),
            _ => throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"l_quantity is {type}")),
        };
    }
}
