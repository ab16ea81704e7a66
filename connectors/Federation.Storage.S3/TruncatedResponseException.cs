namespace Federation.Storage.S3;

/// <summary>
/// An answer whose body ended before the length its headers promised (the connection closed mid-body): retried like a
/// dropped connection, and never handed on as short data.
/// </summary>
internal sealed class TruncatedResponseException(string key, long expected, long received)
    : IOException($"the answer for {key} ended after {received} of {expected} bytes");
