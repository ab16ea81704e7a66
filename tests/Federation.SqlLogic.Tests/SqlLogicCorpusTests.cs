using Federation.Catalog.External;
using Federation.Catalog.Hive;
using Federation.Engine;
using Federation.Formats.Parquet;
using Federation.LocalTables;
using Federation.Testing;

namespace Federation.SqlLogic.Tests;

/// <summary>Runs every file of tests/sql/**/*.slt; each file is one test, failing with every mismatching record.</summary>
public sealed class SqlLogicCorpusTests
{
    public static TheoryData<string> Files() => SqlCorpus.Files();

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Corpus_file_passes(string file)
    {
        // Local tables on disk, as fed serve keeps them: every CREATE TABLE and INSERT of the corpus goes through the real storage.
        var folder = Directory.CreateTempSubdirectory("fed-slt-").FullName;
        try
        {
            var runner = new SltRunner(() => CreateEngine(Path.Combine(folder, Guid.NewGuid().ToString("N"))), SqlCorpus.Variables());
            var outcome = await runner.RunFileAsync(SqlCorpus.Path(file));
            Assert.True(outcome.Failed == 0, $"{outcome.Failed} failed, {outcome.Passed} passed:\n\n" + string.Join("\n\n", outcome.Failures));
            Assert.True(outcome.Passed > 0, "the file has no records");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static FederationEngine CreateEngine(string tables)
    {
        // With a Hive metastore client, as fed serve and fed run have: FROM HIVE METASTORE records reach a (refused) socket.
        var engine = new FederationEngine(external: ExternalCatalog.InMemory(new HiveMetastoreFactory(HiveMetastoreOptions.FromEnvironment())),
            localTables: LocalTableStore.Open(tables));
        // Every format fed has, so that the corpus answers as fed slt and fed serve do.
        Cli.EngineFactory.RegisterFormats(engine);
        return engine;
    }
}
