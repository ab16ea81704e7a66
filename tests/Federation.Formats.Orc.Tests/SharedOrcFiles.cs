using System.IO.Compression;
using System.Text.Json;
using Federation.Testing;

namespace Federation.Formats.Orc.Tests;

/// <summary>The ORC project's files in ../shared/testdata/orc and their expected rows (expected/*.jsn.gz: one JSON value per line, as orc-contents prints them).</summary>
internal static class SharedOrcFiles
{
    public static string Folder => System.IO.Path.Combine(RepositoryPaths.SharedTestData ?? throw new InvalidOperationException("../shared/testdata is missing"), "orc");

    public static string Path(string name) => System.IO.Path.Combine(Folder, name);

    public static List<JsonElement> ExpectedRows(string name)
    {
        var file = System.IO.Path.Combine(Folder, "expected", System.IO.Path.GetFileNameWithoutExtension(name) + ".jsn.gz");
        using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var rows = new List<JsonElement>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                rows.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
        }

        return rows;
    }
}
