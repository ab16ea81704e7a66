using Amazon.Runtime;
using Federation.Catalog.External;
using Federation.Catalog.Glue;
using Federation.Catalog.Hive;
using Federation.Engine;
using Federation.Formats.Parquet;
using Federation.SqlLogic;
using Federation.Testing;

namespace Federation.SqlLogic.Tests;

/// <summary>
/// The external-table corpus (tests/sql/external) on a server whose DataCatalog setting is glue: each file's FROM
/// DATA CATALOG schemas live in its own test Glue endpoint (real HTTP, SigV4 checked, GetPartitions paged in pages of
/// 3), unchanged, under the label <see cref="Label"/> for the records where Glue's wording differs. The answers must
/// be the built-in catalog's.
/// </summary>
public sealed class ExternalCorpusOnGlueTests
{
    public const string Label = "glue";

    public static TheoryData<string> Files() => ExternalCorpus.Files();

    [Theory]
    [MemberData(nameof(Files))]
    public async Task External_corpus_file_passes_on_Glue(string file)
    {
        await using var glue = new TestGlueServer { PageSize = 3 };
        // The server's region is the one ddl.slt names in REGION, so its schema with REGION and its schema without are one catalog.
        var options = new GlueOptions("us-west-2")
        {
            Endpoint = glue.Endpoint,
            Credentials = new BasicAWSCredentials(TestGlueServer.AccessKey, TestGlueServer.SecretKey),
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        };
        FederationEngine CreateEngine()
        {
            var factory = new GlueDataCatalog(new GlueMetastoreFactory(options), new HiveMetastoreFactory(new HiveMetastoreOptions("localhost")));
            var engine = new FederationEngine(external: ExternalCatalog.InMemory(factory));
            // Every format fed has, so that the corpus answers as fed slt and fed serve do.
            Cli.EngineFactory.RegisterFormats(engine);
            return engine;
        }

        var outcome = await new SltRunner(CreateEngine, SqlCorpus.Variables(), [Label]).RunFileAsync(SqlCorpus.Path(file));
        Assert.True(outcome.Failed == 0, $"{outcome.Failed} failed, {outcome.Passed} passed:\n\n" + string.Join("\n\n", outcome.Failures));
        Assert.True(outcome.Passed > 0, "the file has no records");
    }
}
