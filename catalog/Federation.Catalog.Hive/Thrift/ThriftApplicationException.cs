namespace Federation.Catalog.Hive.Thrift;

/// <summary>
/// A TApplicationException: the server's answer when it could not run a call at all (an unknown method, a bad
/// message). <see cref="Kind"/> is its type field; <see cref="UnknownMethod"/> (1) means the server has no such method.
/// </summary>
public sealed class ThriftApplicationException : Exception
{
    public const int UnknownMethod = 1;

    public const int InternalError = 6;

    public ThriftApplicationException(int kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    public ThriftApplicationException()
        : this(InternalError, "Thrift application error")
    {
    }

    public ThriftApplicationException(string message)
        : this(InternalError, message)
    {
    }

    public ThriftApplicationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = InternalError;
    }

    public int Kind { get; }
}
