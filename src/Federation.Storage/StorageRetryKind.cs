namespace Federation.Storage;

/// <summary>Why a request to an object store was tried again: each kind is a failure a later attempt can get past.</summary>
public enum StorageRetryKind
{
    /// <summary>The store asked to slow down (503 SlowDown, 429).</summary>
    Throttled,

    /// <summary>The store answered a server error (500 InternalError, other 5xx).</summary>
    ServerError,

    /// <summary>The connection could not be made, or was reset or closed before the answer was complete.</summary>
    ConnectionFailed,

    /// <summary>The answer's body ended before the length it promised: never handed on as short data.</summary>
    TruncatedResponse,

    /// <summary>No answer within the request timeout.</summary>
    TimedOut,
}
