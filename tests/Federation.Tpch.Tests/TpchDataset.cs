using Federation.Samples.Tpch;

namespace Federation.Tpch.Tests;

/// <summary>
/// The SF 0.1 dataset the tests share, generated once into artifacts/testdata (the generator reuses it when
/// its manifest matches), and the 22 query texts.
/// </summary>
public sealed class TpchDataset
{
    public const double ScaleFactor = 0.1;

    public TpchDataset()
    {
        var repository = Repository();
        Folder = Path.Combine(repository, "artifacts", "testdata", "tpch-sf0.1");
        QueryFolder = Path.Combine(repository, "samples", "tpch", "queries");
        new TpchGenerator(new TpchGeneratorOptions { ScaleFactor = ScaleFactor, OutputDirectory = Folder }).Generate();
    }

    public string Folder { get; }

    public string QueryFolder { get; }

    public static readonly string[] Tables = ["region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"];

    public string Query(int number) => File.ReadAllText(Path.Combine(QueryFolder, $"q{number:00}.sql"));

    private static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Federation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository (Federation.sln)");
    }
}
