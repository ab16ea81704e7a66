namespace Federation.Catalog.Hive.Api;

/// <summary>
/// An exception the metastore declared for the call and returned in its result (MetaException, NoSuchObjectException,
/// AlreadyExistsException, InvalidObjectException, InvalidOperationException): all have 1 message.
/// </summary>
public sealed class HiveServiceException : Exception
{
    public HiveServiceException(string typeName, string message)
        : base(message)
    {
        TypeName = typeName;
    }

    public HiveServiceException()
        : this("MetaException", "metastore error")
    {
    }

    public HiveServiceException(string message)
        : this("MetaException", message)
    {
    }

    public HiveServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
        TypeName = "MetaException";
    }

    /// <summary>The IDL's exception name, "NoSuchObjectException".</summary>
    public string TypeName { get; }
}
