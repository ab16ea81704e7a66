using System.Diagnostics;
using System.Text.RegularExpressions;
using Amazon.S3;
using Amazon.S3.Model;
using Federation.Storage.S3;
using Xunit;

namespace Federation.Testing;

/// <summary>
/// A real S3-compatible server (s3rver, installed into tests/fixtures/s3rver by `npm ci`, which .ci/run does) on a
/// free loopback port with a fresh data folder, and a client configured as Federation configures it.
/// </summary>
public sealed partial class S3rverFixture : IAsyncLifetime
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private Process? _process;
    private readonly string _data = Directory.CreateTempSubdirectory("fed-s3rver-").FullName;

    public string Endpoint { get; private set; } = string.Empty;

    public S3StoreOptions Options => new()
    {
        Endpoint = Endpoint,
        Region = "us-east-1",
        AccessKeyId = AccessKey,
        SecretAccessKey = SecretKey,
        MaxRetries = 2,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
    };

    public AmazonS3Client Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var script = EnsureInstalled();

        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // s3rver's continuation tokens use DES, which OpenSSL 3 (Node 17 and later) keeps in its legacy provider.
        foreach (var argument in new[] { "--openssl-legacy-provider", script, "-d", _data, "-a", "127.0.0.1", "-p", "0", "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && Listening().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(match.Groups[1].Value);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var first = await Task.WhenAny(listening.Task, _process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != listening.Task)
        {
            throw new InvalidOperationException("s3rver did not start");
        }

        Endpoint = "http://" + await listening.Task;
        Client = S3ObjectStore.CreateClient(Options);
    }

    public async Task<string> CreateBucketAsync(string name)
    {
        await Client.PutBucketAsync(new PutBucketRequest { BucketName = name });
        return name;
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // s3rver closing its files: the temp folder goes later.
        }
    }

    /// <summary>
    /// The s3rver script, installed with `npm ci` from the pinned lock file when it is not there yet (.ci/run
    /// installs it up front; this lets `dotnet test` alone work on a fresh clone). Test projects run in parallel
    /// processes, so the install is guarded by a machine-wide mutex.
    /// </summary>
    private static string EnsureInstalled()
    {
        var folder = Path.Combine(RepositoryRoot(), "tests", "fixtures", "s3rver");
        var script = Path.Combine(folder, "node_modules", "s3rver", "bin", "s3rver.js");
        using var mutex = new Mutex(false, "Global\\federation-s3rver-install");
        mutex.WaitOne(TimeSpan.FromMinutes(5));
        try
        {
            if (File.Exists(script))
            {
                return script;
            }

            var npm = new ProcessStartInfo("npm") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "ci", "--prefix", folder, "--no-audit", "--no-fund" })
            {
                npm.ArgumentList.Add(argument);
            }

            using var install = Process.Start(npm) ?? throw new InvalidOperationException("could not start npm");
            var errors = install.StandardError.ReadToEndAsync();
            install.StandardOutput.ReadToEnd();
            install.WaitForExit();
            if (install.ExitCode != 0 || !File.Exists(script))
            {
                throw new InvalidOperationException($"s3rver is not installed and `npm ci --prefix {folder}` failed: {errors.GetAwaiter().GetResult()}");
            }

            return script;
        }
        finally
        {
            mutex.ReleaseMutex();
        }
    }

    /// <summary>The folder holding Federation.sln, found upwards from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Federation.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Federation.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"listening on ([0-9.]+:\d+)")]
    private static partial Regex Listening();
}
