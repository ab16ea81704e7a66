using Federation.Testing;

namespace Federation.Cli.Tests;

/// <summary>
/// `fed run` over an s3:// location where no AWS credentials resolve (none in the environment, an empty home without
/// ~/.aws, instance metadata off): one line naming the location and the ways to configure credentials, exit code 1;
/// not the SDK's nested exception.
/// </summary>
public sealed class MissingCredentialsTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("fed-no-aws-home-").FullName;

    /// <summary>Every variable the AWS SDK's default credential chain reads.</summary>
    private static readonly string[] CredentialVariables =
    [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_CONFIG_FILE",
        "AWS_SHARED_CREDENTIALS_FILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    ];

    [Fact]
    public async Task An_s3_location_without_credentials_fails_in_one_line_saying_how_to_configure_them()
    {
        var run = await FedProgram.RunAsync(
            ["run", "-c", "SELECT count(*) FROM read_parquet('s3://lake/tpch/lineitem/')"],
            environment: new Dictionary<string, string>
            {
                ["HOME"] = _home,
                ["AWS_EC2_METADATA_DISABLED"] = "true",
                ["AWS_REGION"] = "us-east-1",

                // Never reached: the credentials are looked for before anything is sent.
                ["AWS_ENDPOINT_URL_S3"] = "http://127.0.0.1:9",
            },
            unset: CredentialVariables);

        // One line; the binder adds where in the statement the location was named.
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "ERROR: s3://lake/tpch/lineitem/: no AWS credentials found; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE "
            + "(a profile in ~/.aws/credentials), or run with a container or instance role (line 1, column 22)",
            run.Stderr.TrimEnd());
        Assert.Equal(string.Empty, run.Stdout);
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
