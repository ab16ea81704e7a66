namespace Federation.Common;

/// <summary>Where an error comes from; decides how a client sees it (gRPC status, SQLSTATE class).</summary>
public enum ErrorCategory
{
    /// <summary>The statement is wrong: syntax, names, types. Fix the SQL.</summary>
    Plan,
    /// <summary>The statement was valid but failed while running: bad data, overflow, a missing file.</summary>
    Execution,
    /// <summary>Valid SQL that this server does not do (yet).</summary>
    NotSupported,
    /// <summary>A limit was hit: memory, time.</summary>
    Resource,
    /// <summary>A bug in Federation.</summary>
    Internal,
}
