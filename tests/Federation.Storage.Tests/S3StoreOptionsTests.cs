using Federation.Storage.S3;

namespace Federation.Storage.Tests;

public sealed class S3StoreOptionsTests
{
    [Fact]
    public void The_standard_AWS_variables_fill_what_is_not_configured()
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = "http://general:9000",
            ["AWS_ENDPOINT_URL_S3"] = "http://s3-only:9000",
            ["AWS_DEFAULT_REGION"] = "eu-west-1",
            ["AWS_ACCESS_KEY_ID"] = "AKID",
            ["AWS_SECRET_ACCESS_KEY"] = "SECRET",
        };

        var resolved = new S3StoreOptions().WithEnvironment(name => environment.GetValueOrDefault(name));

        Assert.Equal("http://s3-only:9000", resolved.Endpoint);
        Assert.Equal("eu-west-1", resolved.Region);
        Assert.Equal(("AKID", "SECRET"), (resolved.AccessKeyId, resolved.SecretAccessKey));
    }

    [Fact]
    public void Configured_values_win_over_the_environment()
    {
        var environment = new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = "http://env:9000", ["AWS_REGION"] = "us-west-2", ["AWS_ACCESS_KEY_ID"] = "ENV" };

        var resolved = new S3StoreOptions { Endpoint = "http://configured:9000", Region = "ap-south-1", AccessKeyId = "K", SecretAccessKey = "S" }
            .WithEnvironment(name => environment.GetValueOrDefault(name));

        Assert.Equal("http://configured:9000", resolved.Endpoint);
        Assert.Equal("ap-south-1", resolved.Region);
        Assert.Equal("K", resolved.AccessKeyId);
    }

    [Fact]
    public void An_endpoint_override_defaults_to_path_style_addressing()
    {
        using var custom = S3ObjectStore.CreateClient(new S3StoreOptions { Endpoint = "http://127.0.0.1:9000", AccessKeyId = "a", SecretAccessKey = "b" });
        using var aws = S3ObjectStore.CreateClient(new S3StoreOptions { Region = "eu-central-1", AccessKeyId = "a", SecretAccessKey = "b" });

        Assert.True(((Amazon.S3.AmazonS3Config)custom.Config).ForcePathStyle);
        Assert.False(((Amazon.S3.AmazonS3Config)aws.Config).ForcePathStyle);
        Assert.Equal("eu-central-1", aws.Config.RegionEndpoint.SystemName);
    }

    [Fact]
    public void Throttling_server_errors_and_dropped_connections_are_retried_but_client_errors_are_not()
    {
        Assert.True(S3ObjectStore.IsTransient(new Amazon.S3.AmazonS3Exception("slow") { StatusCode = System.Net.HttpStatusCode.ServiceUnavailable, ErrorCode = "SlowDown" }));
        Assert.True(S3ObjectStore.IsTransient(new Amazon.S3.AmazonS3Exception("boom") { StatusCode = System.Net.HttpStatusCode.InternalServerError }));
        Assert.True(S3ObjectStore.IsTransient(new HttpRequestException("reset")));
        Assert.True(S3ObjectStore.IsTransient(new IOException("connection reset by peer")));
        Assert.False(S3ObjectStore.IsTransient(new Amazon.S3.AmazonS3Exception("no") { StatusCode = System.Net.HttpStatusCode.Forbidden }));
        Assert.False(S3ObjectStore.IsTransient(new Amazon.S3.AmazonS3Exception("gone") { StatusCode = System.Net.HttpStatusCode.NotFound, ErrorCode = "NoSuchKey" }));
    }
}
