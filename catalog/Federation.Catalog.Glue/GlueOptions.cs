using Amazon.Runtime;
using Federation.Catalog.Metastore;

namespace Federation.Catalog.Glue;

/// <summary>
/// How to reach one Glue Data Catalog: the endpoint (AWS_ENDPOINT_URL_GLUE, then AWS_ENDPOINT_URL, else
/// https://glue.REGION.amazonaws.com), the region (the schema's REGION, else the SDK's chain), the catalog id
/// (CATALOG_ID, else the account's), credentials (null: the SDK's standard chain, as the S3 store uses), and the
/// page size, parallel segments and retries of partition listing.
/// </summary>
public sealed record GlueOptions(string Region)
{
    public string? Endpoint { get; init; }

    public string? CatalogId { get; init; }

    /// <summary>Explicit credentials (tests); null takes the SDK's default chain (environment, profile, container, instance).</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>Segments GetPartitions lists in parallel when every partition is needed (Glue allows up to 10).</summary>
    public int PartitionSegments { get; init; } = 4;

    /// <summary>Retries of a throttled or 5xx call, with exponential backoff and jitter.</summary>
    public int MaxRetries { get; init; } = 5;

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long databases, tables and partition lists are kept (<see cref="CachingMetastore"/>); zero keeps nothing.</summary>
    public TimeSpan MetadataCacheTtl { get; init; } = MetadataCacheSettings.DefaultTtl;

    /// <summary>The clock the metadata cache's TTL runs on (tests move it by hand).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The endpoint calls go to: the setting, else the standard AWS environment overrides, else the regional endpoint.</summary>
    public Uri EndpointUri => new(Endpoint
        ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_GLUE"))
        ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"))
        ?? $"https://glue.{Region}.amazonaws.com/");

    /// <summary>The server's settings for every Glue catalog: FED_GLUE_ENDPOINT, FED_GLUE_SEGMENTS, FED_GLUE_RETRIES, FED_METADATA_CACHE_TTL_SECONDS; region from AWS_REGION or the SDK's chain.</summary>
    public static GlueOptions FromEnvironment()
    {
        var region = NonEmpty(Environment.GetEnvironmentVariable("AWS_REGION"))
            ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION"))
            ?? FallbackRegion()
            ?? "us-east-1";
        var options = new GlueOptions(region) { Endpoint = NonEmpty(Environment.GetEnvironmentVariable("FED_GLUE_ENDPOINT")) };
        if (int.TryParse(Environment.GetEnvironmentVariable("FED_GLUE_SEGMENTS"), System.Globalization.CultureInfo.InvariantCulture, out var segments) && segments is > 0 and <= 10)
        {
            options = options with { PartitionSegments = segments };
        }

        if (int.TryParse(Environment.GetEnvironmentVariable("FED_GLUE_RETRIES"), System.Globalization.CultureInfo.InvariantCulture, out var retries) && retries >= 0)
        {
            options = options with { MaxRetries = retries };
        }

        return options with { MetadataCacheTtl = MetadataCacheSettings.TtlFromEnvironment() };
    }

    private static string? FallbackRegion()
    {
        try
        {
            return FallbackRegionFactory.GetRegionEndpoint()?.SystemName;
        }
        catch (AmazonClientException)
        {
            return null;
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
