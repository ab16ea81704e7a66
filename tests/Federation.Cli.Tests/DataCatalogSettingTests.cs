using System.Globalization;
using Federation.Testing;

namespace Federation.Cli.Tests;

/// <summary>
/// The DataCatalog setting from fed.json in the data folder (not only FED_DATACATALOG): `fed run --data` with
/// {"DataCatalog": "glue"} puts FROM DATA CATALOG schemas in Glue (a TestGlueServer here), and a value that is
/// neither builtin nor glue is one line naming the setting.
/// </summary>
public sealed class DataCatalogSettingTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("fed-datacatalog-").FullName;

    [Fact]
    public async Task Fed_json_DataCatalog_glue_puts_data_catalog_schemas_in_Glue()
    {
        await using var glue = new TestGlueServer();
        glue.AddDatabase("lake");
        glue.AddParquetTable("lake", "events", "s3://lake/events/", [("id", "bigint")], [("day", "int")]);
        for (var day = 1; day <= 3; day++)
        {
            glue.AddPartition("lake", "events", [day.ToString(CultureInfo.InvariantCulture)], $"s3://lake/events/day={day}/");
        }

        await File.WriteAllTextAsync(Path.Combine(_data, "fed.json"), """{ "DataCatalog": "glue" }""");
        var run = await FedProgram.RunAsync(
            ["run", "--data", _data, "-c",
                "CREATE EXTERNAL SCHEMA g FROM DATA CATALOG DATABASE 'lake' REGION 'us-east-1'; "
                + "SELECT eskind, esoptions FROM svv_external_schemas; SELECT count(*) FROM svv_external_partitions WHERE tablename = 'events'"],
            environment: new Dictionary<string, string>
            {
                ["FED_GLUE_ENDPOINT"] = glue.Endpoint,
                ["AWS_ACCESS_KEY_ID"] = TestGlueServer.AccessKey,
                ["AWS_SECRET_ACCESS_KEY"] = TestGlueServer.SecretKey,
                ["AWS_REGION"] = "us-east-1",
                ["AWS_EC2_METADATA_DISABLED"] = "true",
            },
            unset: ["FED_DATACATALOG", "AWS_PROFILE", "AWS_SESSION_TOKEN"]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("GetTables", glue.Operations);
        Assert.Contains("{\"REGION\":\"us-east-1\"}", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s*1\s*\|", run.Stdout);
        Assert.Matches(@"(?m)^\s*3\s*$", run.Stdout);
    }

    [Fact]
    public async Task An_unknown_DataCatalog_in_fed_json_is_one_line_naming_the_setting()
    {
        await File.WriteAllTextAsync(Path.Combine(_data, "fed.json"), """{ "DataCatalog": "hive" }""");
        var run = await FedProgram.RunAsync(["run", "--data", _data, "-c", "SELECT 1"], unset: ["FED_DATACATALOG"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("ERROR: DataCatalog (FED_DATACATALOG) 'hive' is not builtin or glue", run.Stderr.TrimEnd());
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
