namespace Federation.Catalog.Hive.Thrift;

/// <summary>Bytes that are not a valid binary-protocol message (a bad version word, a negative length, a truncated frame).</summary>
public sealed class ThriftProtocolException : Exception
{
    public ThriftProtocolException()
    {
    }

    public ThriftProtocolException(string message)
        : base(message)
    {
    }

    public ThriftProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
