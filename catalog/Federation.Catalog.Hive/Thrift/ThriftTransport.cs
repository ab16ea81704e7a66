namespace Federation.Catalog.Hive.Thrift;

/// <summary>How messages travel on the socket: one after another (TBufferedTransport) or each after its 4-byte length (TFramedTransport).</summary>
public enum ThriftTransport
{
    Buffered,
    Framed,
}
