using Federation.Engine;
using Federation.Formats.Parquet;
using Federation.Testing;

namespace Federation.SqlLogic.Tests;

/// <summary>Runs every file of tests/sql/**/*.slt; each file is one test, failing with every mismatching record.</summary>
public sealed class SqlLogicCorpusTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in SltRunner.FindFiles(RepositoryPaths.SqlCorpus))
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.SqlCorpus, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Corpus_file_passes(string file)
    {
        var variables = new Dictionary<string, string> { ["DATA_DIR"] = RepositoryPaths.DataDir };
        if (RepositoryPaths.SharedTestData is { } shared)
        {
            variables["TESTDATA"] = shared;
        }

        var runner = new SltRunner(CreateEngine, variables);
        var outcome = await runner.RunFileAsync(Path.Combine(RepositoryPaths.SqlCorpus, file));
        Assert.True(outcome.Failed == 0, $"{outcome.Failed} failed, {outcome.Passed} passed:\n\n" + string.Join("\n\n", outcome.Failures));
        Assert.True(outcome.Passed > 0, "the file has no records");
    }

    private static FederationEngine CreateEngine()
    {
        var engine = new FederationEngine();
        engine.RegisterTableFunction(new ReadParquetFunction());
        engine.RegisterFileFormat(new ParquetFileFormat());
        return engine;
    }
}
