namespace Federation.Catalog.Hive.Thrift;

/// <summary>The kind of a Thrift message, in the low byte of a strict binary message header.</summary>
public enum ThriftMessageType : byte
{
    Call = 1,
    Reply = 2,
    Exception = 3,
    Oneway = 4,
}
