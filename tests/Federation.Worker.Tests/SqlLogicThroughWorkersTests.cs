using Federation.Engine;
using Federation.SqlLogic;
using Federation.Testing;

namespace Federation.Worker.Tests;

/// <summary>
/// The SQL logic corpus (every file of tests/sql) run by engines whose external scans go to the pool of two real
/// `fed worker` processes, each file one test failing with every mismatching record: the same files, the same expected
/// answers as in one process (Federation.SqlLogic.Tests). The runner runs under the label "workers", so the few records
/// whose output shows where objects were read (<see cref="SltParser.WorkersLabel"/>) are skipped, and only those. A
/// file that reads external tables of {DATA_DIR} (file:// objects, which the workers read from the same disk) must have
/// sent the pool fragments, so a pool that was not used cannot pass.
/// </summary>
[Collection(WorkersCollection.Name)]
public sealed class SqlLogicThroughWorkersTests(PoolFixture pool)
{
    public static TheoryData<string> Files() => SqlCorpus.Files();

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Corpus_file_passes_through_workers(string file)
    {
        await pool.WaitForPoolAsync(2);
        var path = SqlCorpus.Path(file);
        var dispatched = Dispatched();
        // Local tables on disk, as fed serve keeps them (and as the corpus runs in process), each engine in its own folder.
        var tables = Directory.CreateTempSubdirectory("fed-slt-workers-").FullName;
        SltOutcome outcome;
        try
        {
            var runner = new SltRunner(() => CreateEngine(Path.Combine(tables, Guid.NewGuid().ToString("N"))), SqlCorpus.Variables(), [SltParser.WorkersLabel]);
            outcome = await runner.RunFileAsync(path);
        }
        finally
        {
            Directory.Delete(tables, recursive: true);
        }

        Assert.True(outcome.Failed == 0, $"{outcome.Failed} failed, {outcome.Passed} passed:\n\n" + string.Join("\n\n", outcome.Failures));
        Assert.True(outcome.Passed > 0, "the file has no records");
        if ((await File.ReadAllTextAsync(path)).Contains("LOCATION 'file://{DATA_DIR}", StringComparison.Ordinal))
        {
            Assert.True(Dispatched() > dispatched, "the file reads external tables, but sent the workers no fragment");
        }
    }

    /// <summary>A fresh engine per file, as the corpus runs in process, but sending its external scans to the pool.</summary>
    private FederationEngine CreateEngine(string tables)
    {
        var engine = new FederationEngine(external: Catalog.External.ExternalCatalog.InMemory(Cli.EngineFactory.HiveMetastores()),
            localTables: LocalTables.LocalTableStore.Open(tables)) { Dispatcher = pool.Engine.Dispatcher };
        // Every format fed has, so that the corpus answers as fed slt and fed serve do.
        Cli.EngineFactory.RegisterFormats(engine);
        return engine;
    }

    /// <summary>Fragment attempts the coordinator has sent to its workers so far.</summary>
    private long Dispatched() => pool.Coordinator.Pool.Snapshot().Sum(w => w.DispatchedFragments);
}
