using Federation.Catalog.External;
using Federation.Catalog.Hive;
using Federation.Engine;
using Federation.Formats.Parquet;
using Federation.SqlLogic;
using Federation.Testing;

namespace Federation.SqlLogic.Tests;

/// <summary>
/// The external-table corpus (tests/sql/external) with its schemas in a Hive metastore: each file runs against its
/// own test metastore on a real socket, its FROM DATA CATALOG schemas turned into FROM HIVE METASTORE ones
/// (<see cref="HiveSchemaClauses"/>), under the label <see cref="Label"/> that the files' skipif/onlyif use where a Hive
/// metastore truly differs (it refuses DROP EXTERNAL DATABASE, as in Redshift). The answers must be the built-in
/// catalog's.
/// </summary>
public sealed class ExternalCorpusOnHiveTests
{
    public const string Label = "hive";

    public static TheoryData<string> Files() => ExternalCorpus.Files();

    [Theory]
    [MemberData(nameof(Files))]
    public async Task External_corpus_file_passes_on_a_Hive_metastore(string file)
    {
        await using var server = new TestHiveMetastoreServer();
        var runner = new SltRunner(CreateEngine, SqlCorpus.Variables(), [Label])
        {
            Rewrite = text =>
            {
                var (rewritten, databases) = HiveSchemaClauses.Rewrite(text, server.Port);
                foreach (var database in databases)
                {
                    server.AddDatabase(database);
                }

                return rewritten;
            },
        };
        var outcome = await runner.RunFileAsync(SqlCorpus.Path(file));
        Assert.True(outcome.Failed == 0, $"{outcome.Failed} failed, {outcome.Passed} passed:\n\n" + string.Join("\n\n", outcome.Failures));
        Assert.True(outcome.Passed > 0, "the file has no records");
    }

    private static FederationEngine CreateEngine()
    {
        var engine = new FederationEngine(external: ExternalCatalog.InMemory(new HiveMetastoreFactory(new HiveMetastoreOptions("localhost"))));
        // Every format fed has, so that the corpus answers as fed slt and fed serve do.
        Cli.EngineFactory.RegisterFormats(engine);
        return engine;
    }
}
