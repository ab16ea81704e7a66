namespace Federation.Functions;

/// <summary>Whether a function may be evaluated once at planning time (PostgreSQL's volatility classes).</summary>
public enum Volatility
{
    /// <summary>Same inputs, same result, always: folded when its arguments are constants.</summary>
    Immutable,

    /// <summary>Same result within one statement (CURRENT_DATE, GETDATE): folded using the statement's clock.</summary>
    Stable,

    /// <summary>May change per row (RANDOM): never folded.</summary>
    Volatile,
}
