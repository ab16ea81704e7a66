namespace Federation.Fuzz.Tests;

/// <summary>The value types the generator builds expressions of; each maps to one SQL type both engines spell alike.</summary>
public enum FuzzType
{
    Int,
    BigInt,
    Decimal,
    Double,
    Text,
    Date,
    Timestamp,
    Bool,
}
