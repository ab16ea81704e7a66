namespace Federation.Functions.Scalar.Math;

/// <summary>How ROUND, TRUNC, FLOOR and CEIL discard digits.</summary>
internal enum RoundingMode
{
    /// <summary>ROUND: to nearest, ties away from zero.</summary>
    HalfAwayFromZero,

    /// <summary>TRUNC.</summary>
    TowardZero,

    /// <summary>FLOOR.</summary>
    Down,

    /// <summary>CEIL.</summary>
    Up,
}
