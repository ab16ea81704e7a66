using System.Numerics;

namespace Federation.Functions.Scalar;

/// <summary>Orders for integers, decimals (unscaled, same scale), dates and timestamps.</summary>
internal readonly struct IntegerOrder<T> : IValueOrder<T>
    where T : IComparisonOperators<T, T, bool>
{
    public static int Compare(T left, T right) => left < right ? -1 : left > right ? 1 : 0;
}
