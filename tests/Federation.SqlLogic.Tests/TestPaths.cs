namespace Federation.SqlLogic.Tests;

/// <summary>Where the repository, its .slt corpus and the shared test data are.</summary>
internal static class TestPaths
{
    public static string Repository { get; } = FindRepository();

    public static string SqlCorpus => Path.Combine(Repository, "tests", "sql");

    public static string DataDir => Path.Combine(Repository, "tests", "data");

    /// <summary>Other writers' files: ../shared/testdata beside the repository (FEDERATION_TESTDATA overrides).</summary>
    public static string? SharedTestData
    {
        get
        {
            var candidates = new[]
            {
                Environment.GetEnvironmentVariable("FEDERATION_TESTDATA"),
                Path.GetFullPath(Path.Combine(Repository, "..", "shared", "testdata")),
                "/work/shared/testdata",
            };
            return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && Directory.Exists(c));
        }
    }

    private static string FindRepository()
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
