namespace Federation.Testing.Faults;

/// <summary>What <see cref="FaultInjectingS3Proxy"/> does to a request it picked instead of forwarding it plainly.</summary>
public enum FaultKind
{
    /// <summary>503 with S3's SlowDown error body, as a throttled bucket answers.</summary>
    SlowDown,

    /// <summary>500 with S3's InternalError error body.</summary>
    InternalError,

    /// <summary>The connection is reset (RST) after the request arrived, with no answer.</summary>
    ResetConnection,

    /// <summary>The real answer's headers (Content-Length included), then only part of its body, then the connection closes.</summary>
    TruncatedBody,

    /// <summary>A pause (<see cref="FaultInjectionOptions.StallDuration"/>), then the real answer.</summary>
    Stall,
}
