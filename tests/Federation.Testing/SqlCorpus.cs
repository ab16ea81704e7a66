using Federation.SqlLogic;
using Xunit;

namespace Federation.Testing;

/// <summary>The SQL logic corpus (tests/sql) as test cases: its files, and the variables its files are written with.</summary>
public static class SqlCorpus
{
    /// <summary>Every .slt file of the corpus, relative to it: one test case each.</summary>
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in SltRunner.FindFiles(RepositoryPaths.SqlCorpus))
        {
            data.Add(System.IO.Path.GetRelativePath(RepositoryPaths.SqlCorpus, file));
        }

        return data;
    }

    /// <summary>The full path of a case of <see cref="Files"/>.</summary>
    public static string Path(string file) => System.IO.Path.Combine(RepositoryPaths.SqlCorpus, file);

    /// <summary>{DATA_DIR}, and {TESTDATA} when the shared test data is present.</summary>
    public static Dictionary<string, string> Variables()
    {
        var variables = new Dictionary<string, string> { ["DATA_DIR"] = RepositoryPaths.DataDir };
        if (RepositoryPaths.SharedTestData is { } shared)
        {
            variables["TESTDATA"] = shared;
        }

        return variables;
    }
}
