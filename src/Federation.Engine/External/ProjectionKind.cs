namespace Federation.Engine.External;

/// <summary>How a projected partition key's values are known (Athena's 'projection.&lt;key&gt;.type').</summary>
internal enum ProjectionKind
{
    Integer,
    Date,
    Enum,
    Injected,
}
