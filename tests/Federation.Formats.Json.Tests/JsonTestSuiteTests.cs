using System.Text.Json;
using Apache.Arrow;
using Federation.Common;
using Federation.Common.Types;
using Federation.Execution;
using Federation.Logical;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Physical.Files;
using Federation.Storage;
using Federation.Testing;

namespace Federation.Formats.Json.Tests;

/// <summary>
/// JSONTestSuite's parsing files (shared test data, read in place through a local store) through the JSON scan of a
/// table of one text column, doc. How such a file is read: as JSON lines, each file being one line holding one
/// document. A top-level value that is not an object fills the one column (a string its text, a number as written, an
/// array its exact JSON text, null NULL); an object fills it from its "doc" key (none has one: NULL). So every y_ file
/// reads one row with those values, except the two whose document spans lines (LF is white space inside JSON, but a
/// line break ends a JSON-lines record): their first line is malformed, and that is the error. Every n_ file fails
/// naming the object, except the three that hold no line at all (empty, one space, a byte order mark alone), which
/// read no row. i_ files either read or fail cleanly.
/// </summary>
public sealed class JsonTestSuiteTests
{
    /// <summary>Valid JSON whose document spans lines: as JSON lines, line 1 is an unfinished value.</summary>
    private static readonly HashSet<string> MultiLine = ["y_array_with_1_and_newline.json", "y_object_with_newlines.json"];

    /// <summary>n_ files with no JSON line in them: JSON lines of no record.</summary>
    private static readonly HashSet<string> NoLine = ["n_structure_no_data.json", "n_single_space.json", "n_structure_UTF8_BOM_no_data.json"];

    private static string Folder => Path.Combine(RepositoryPaths.SharedTestData!, "json", "jsontestsuite");

    public static TheoryData<string> Files(string prefix)
    {
        var cases = new TheoryData<string>();
        if (RepositoryPaths.SharedTestData is not null)
        {
            foreach (var file in Directory.GetFiles(Folder, prefix + "*.json").Order(StringComparer.Ordinal))
            {
                cases.Add(Path.GetFileName(file));
            }
        }

        return cases;
    }

    public static TheoryData<string> Accepted() => Files("y_");

    public static TheoryData<string> Rejected() => Files("n_");

    public static TheoryData<string> EitherWay() => Files("i_");

    [Fact]
    public void The_suite_is_there()
    {
        Assert.NotNull(RepositoryPaths.SharedTestData);
        Assert.Equal(95, Accepted().Count);
        Assert.Equal(188, Rejected().Count);
        Assert.Equal(35, EitherWay().Count);
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task A_y_file_reads_one_row_holding_its_value(string name)
    {
        if (MultiLine.Contains(name))
        {
            var error = await Assert.ThrowsAsync<FederationException>(() => ReadAsync(name));
            Assert.Contains($"{name}: line 1 of", error.Message);
            return;
        }

        var rows = await ReadAsync(name);
        Assert.Equal([Expected(File.ReadAllBytes(Path.Combine(Folder, name)))], rows);
    }

    [Theory]
    [MemberData(nameof(Rejected))]
    public async Task An_n_file_fails_naming_the_object(string name)
    {
        if (NoLine.Contains(name))
        {
            Assert.Empty(await ReadAsync(name));
            return;
        }

        var error = await Assert.ThrowsAsync<FederationException>(() => ReadAsync(name));
        Assert.Equal(ErrorCode.CorruptObject, error.Code);
        Assert.Contains(name, error.Message);
    }

    [Theory]
    [MemberData(nameof(EitherWay))]
    public async Task An_i_file_reads_or_fails_cleanly(string name)
    {
        try
        {
            var rows = await ReadAsync(name);
            Assert.Single(rows);
        }
        catch (FederationException error)
        {
            Assert.Contains(name, error.Message);
        }
    }

    /// <summary>The one row's doc as System.Text.Json reads the whole document.</summary>
    private static string? Expected(byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        return root.ValueKind switch
        {
            JsonValueKind.Object => root.EnumerateObject().Where(p => string.Equals(p.Name, "doc", StringComparison.OrdinalIgnoreCase))
                .Select(p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText()).LastOrDefault(),
            JsonValueKind.String => root.GetString(),
            JsonValueKind.Null => null,
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => root.GetRawText(),
        };
    }

    private static async Task<List<string?>> ReadAsync(string name)
    {
        var store = new LocalObjectStore(Folder);
        var meta = await store.HeadAsync(name, default);
        TableColumn[] table = [new("doc", SqlType.String)];
        ScanColumn[] columns = [new(0, new PlanColumn(1, "doc", SqlType.String, true))];
        var format = new JsonFileFormat();
        var config = new FileScanConfig("suite", table, 1, [new PartitionedFile(store, meta, [])], columns, [], null, 1);
        var scan = await format.CreateScanAsync(config, default);
        var rows = new List<string?>();
        await foreach (var batch in scan.ExecuteAsync(0, new TaskContext(new ExecutionOptions(), default, 0)))
        {
            var doc = (StringArray)batch.Column(0);
            for (var r = 0; r < batch.Length; r++)
            {
                rows.Add(doc.IsNull(r) ? null : doc.GetString(r));
            }
        }

        return rows;
    }
}
