using System.Globalization;

/// <summary>Command-line options of the TPC-H benchmark.</summary>
internal sealed record BenchmarkOptions(double ScaleFactor, string? Data, IReadOnlyList<int> Queries, int Runs, int Warmups, int Threads, string Files, bool FederationOnly)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var sf = 1.0;
        string? data = null;
        IReadOnlyList<int> queries = Enumerable.Range(1, 22).ToArray();
        var runs = 3;
        // Two: the first run of a query in a process also pays for tiered JIT and first-touch memory.
        var warmups = 2;
        var threads = Environment.ProcessorCount;
        // ours: TpchGenerator's files; duckdb: the same rows as DuckDB's Parquet writer writes them; both: one table each.
        var files = "both";
        // Federation alone, no DuckDB timings and no comparison: for a profiler attached to this process.
        var federationOnly = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--federation-only")
            {
                federationOnly = true;
                continue;
            }

            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--sf": sf = double.Parse(value, CultureInfo.InvariantCulture); i++; break;
                case "--data": data = value; i++; break;
                case "--queries": queries = ParseQueries(value); i++; break;
                case "--runs": runs = int.Parse(value, CultureInfo.InvariantCulture); i++; break;
                case "--warmups": warmups = int.Parse(value, CultureInfo.InvariantCulture); i++; break;
                case "--threads": threads = int.Parse(value, CultureInfo.InvariantCulture); i++; break;
                case "--files" when value is "ours" or "duckdb" or "both": files = value; i++; break;
                case "--files": throw new ArgumentException($"--files takes ours, duckdb or both, not {value}");
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        return new BenchmarkOptions(sf, data, queries, runs, warmups, threads, files, federationOnly);
    }

    private static int[] ParseQueries(string text) => text.Split(',').SelectMany(part =>
    {
        var dash = part.IndexOf('-', StringComparison.Ordinal);
        return dash < 0
            ? [int.Parse(part, CultureInfo.InvariantCulture)]
            : Enumerable.Range(int.Parse(part[..dash], CultureInfo.InvariantCulture),
                int.Parse(part[(dash + 1)..], CultureInfo.InvariantCulture) - int.Parse(part[..dash], CultureInfo.InvariantCulture) + 1);
    }).ToArray();

    public static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Federation.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
