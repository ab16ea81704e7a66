using System.Numerics;

namespace Federation.Functions.Scalar;

/// <summary>PostgreSQL's float order: NaN equals NaN and sorts above every number; -0 equals 0.</summary>
internal readonly struct FloatOrder<T> : IValueOrder<T>
    where T : IFloatingPointIeee754<T>
{
    public static int Compare(T left, T right)
    {
        if (T.IsNaN(left))
        {
            return T.IsNaN(right) ? 0 : 1;
        }

        if (T.IsNaN(right))
        {
            return -1;
        }

        return left < right ? -1 : left > right ? 1 : 0;
    }
}
