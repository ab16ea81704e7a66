namespace Federation.Functions.Scalar;

/// <summary>A fixed-width function of two non-null values; may throw a FederationException.</summary>
internal interface IBinaryOp<TA, TB, TOut>
    where TA : unmanaged
    where TB : unmanaged
    where TOut : unmanaged
{
    TOut Apply(TA left, TB right);
}
