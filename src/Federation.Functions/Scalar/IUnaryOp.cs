namespace Federation.Functions.Scalar;

/// <summary>A fixed-width to fixed-width function of one non-null value; may throw a FederationException.</summary>
internal interface IUnaryOp<TIn, TOut>
    where TIn : unmanaged
    where TOut : unmanaged
{
    TOut Apply(TIn value);
}
