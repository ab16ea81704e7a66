namespace Federation.Testing;

/// <summary>Where the repository's shared test inputs are, found from the test's own output folder upwards.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding Federation.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>tests/sql: the SQL logic corpus.</summary>
    public static string SqlCorpus => Path.Combine(Root, "tests", "sql");

    /// <summary>tests/data: the files the corpus reads as {DATA_DIR}.</summary>
    public static string DataDir => Path.Combine(Root, "tests", "data");

    /// <summary>samples/tpch/queries: the 22 TPC-H queries as q01.sql … q22.sql, over unqualified table names.</summary>
    public static string TpchQueries => Path.Combine(Root, "samples", "tpch", "queries");

    /// <summary>Other writers' files, the corpus's {TESTDATA}: ../shared/testdata beside the repository (FEDERATION_TESTDATA overrides); null when absent.</summary>
    public static string? SharedTestData
    {
        get
        {
            var candidates = new[]
            {
                Environment.GetEnvironmentVariable("FEDERATION_TESTDATA"),
                Path.GetFullPath(Path.Combine(Root, "..", "shared", "testdata")),
                "/work/shared/testdata",
            };
            return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && Directory.Exists(c));
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Federation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository (Federation.sln) above " + AppContext.BaseDirectory);
    }
}
