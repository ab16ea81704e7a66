namespace Federation.Cli;

/// <summary>The {NAME} substitutions .slt files may use, found relative to the repository.</summary>
public static class SltVariables
{
    public static IReadOnlyDictionary<string, string> Default()
    {
        var root = RepositoryRoot();
        var variables = new Dictionary<string, string>();
        if (root is not null)
        {
            variables["DATA_DIR"] = Path.Combine(root, "tests", "data");
            variables["TESTDATA"] = Path.GetFullPath(Path.Combine(root, "..", "shared", "testdata"));
        }

        return variables;
    }

    /// <summary>The folder holding Federation.sln, searched upwards from the working directory and then from the program.</summary>
    public static string? RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Federation.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
