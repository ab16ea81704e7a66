namespace Federation.Functions.Scalar;

/// <summary>A total order on one physical value type, as SQL compares it; implemented by structs (static dispatch).</summary>
internal interface IValueOrder<T>
{
    static abstract int Compare(T left, T right);
}
