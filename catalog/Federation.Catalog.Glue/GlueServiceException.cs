namespace Federation.Catalog.Glue;

/// <summary>An error Glue answered: the <c>__type</c> of its JSON body without the namespace (EntityNotFoundException, ...), its message and the HTTP status.</summary>
public sealed class GlueServiceException(string typeName, string message, int status) : Exception($"{typeName}: {message}")
{
    public string TypeName { get; } = typeName;

    public string ServiceMessage { get; } = message;

    public int Status { get; } = status;

    /// <summary>Throttling and server-side failures: worth another try after a pause.</summary>
    public bool IsTransient => Status >= 500 || TypeName is "ThrottlingException" or "TooManyRequestsException" or "InternalServiceException"
        or "OperationTimeoutException" or "ConcurrentModificationException";
}
