namespace Federation.Catalog.Hive.Thrift;

/// <summary>The type ids of Thrift's binary protocol, as they appear before every field and in list and map headers.</summary>
public enum ThriftType : byte
{
    Stop = 0,
    Bool = 2,
    Byte = 3,
    Double = 4,
    I16 = 6,
    I32 = 8,
    I64 = 10,
    String = 11,
    Struct = 12,
    Map = 13,
    Set = 14,
    List = 15,
}
