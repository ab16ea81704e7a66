using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

/// <summary>
/// DuckDB in a process of its own through the npm client @duckdb/node-api (duckdb/bench.mjs), as its users run it:
/// one JSON request a line on its stdin, one JSON answer a line on its stdout.
/// </summary>
internal sealed class DuckDbProcess : IDisposable
{
    private readonly Process process;

    private DuckDbProcess(Process process) => this.process = process;

    public int ProcessId => process.Id;

    /// <summary>Starts node on bench.mjs, running <c>npm ci</c> first when node_modules is missing.</summary>
    public static DuckDbProcess Start(string scriptFolder)
    {
        if (!Directory.Exists(Path.Combine(scriptFolder, "node_modules")))
        {
            Console.Error.WriteLine($"npm ci in {scriptFolder}");
            using var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = scriptFolder })
                ?? throw new InvalidOperationException("npm could not be started");
            npm.WaitForExit();
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in {scriptFolder} failed with exit code {npm.ExitCode}");
            }
        }

        var info = new ProcessStartInfo("node", "bench.mjs")
        {
            WorkingDirectory = scriptFolder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        return new DuckDbProcess(Process.Start(info) ?? throw new InvalidOperationException("node could not be started"));
    }

    public void Execute(string sql)
    {
        var answer = Send(new JsonObject { ["exec"] = sql });
        _ = answer;
    }

    /// <summary>Runs <paramref name="sql"/> warmups + runs times; the timed runs' milliseconds and the last run's rows.</summary>
    public (List<double> Ms, List<List<string>> Rows) Time(string sql, int warmups, int runs)
    {
        var answer = Send(new JsonObject { ["sql"] = sql, ["warmups"] = warmups, ["runs"] = runs });
        var ms = new List<double>();
        foreach (var value in answer["ms"]!.AsArray())
        {
            ms.Add(value!.GetValue<double>());
        }

        var rows = new List<List<string>>();
        foreach (var row in answer["rows"]!.AsArray())
        {
            var cells = new List<string>();
            foreach (var cell in row!.AsArray())
            {
                cells.Add(Text(cell));
            }

            rows.Add(cells);
        }

        return (ms, rows);
    }

    /// <summary>The process's peak resident set (VmHWM) in bytes, from /proc.</summary>
    public long PeakResidentBytes() => ProcPeakResident.Of(process.Id);

    public void Dispose()
    {
        process.StandardInput.Close();
        if (!process.WaitForExit(10_000))
        {
            process.Kill();
        }

        process.Dispose();
    }

    private JsonNode Send(JsonObject request)
    {
        process.StandardInput.WriteLine(request.ToJsonString());
        process.StandardInput.Flush();
        var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the DuckDB process ended without an answer");
        var answer = JsonNode.Parse(line) ?? throw new InvalidOperationException($"the DuckDB process answered {line}");
        if (answer["error"] is { } error)
        {
            throw new InvalidOperationException($"DuckDB: {error.GetValue<string>()} (request {request.ToJsonString()})");
        }

        return answer;
    }

    // The npm client's JSON form: decimals, big integers and dates as strings, doubles as numbers.
    private static string Text(JsonNode? cell) => cell switch
    {
        null => "NULL",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>() is { Length: 0 } ? "(empty)" : value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.GetValue<double>().ToString("R", CultureInfo.InvariantCulture),
        JsonValue value when value.GetValueKind() == JsonValueKind.True => "true",
        JsonValue value when value.GetValueKind() == JsonValueKind.False => "false",
        _ => cell.ToJsonString(),
    };
}
