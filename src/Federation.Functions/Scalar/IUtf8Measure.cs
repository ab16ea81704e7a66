namespace Federation.Functions.Scalar;

/// <summary>A string-to-fixed-width function applied to one non-null value (LENGTH, ASCII ...).</summary>
internal interface IUtf8Measure<TOut>
    where TOut : unmanaged
{
    TOut Apply(ReadOnlySpan<byte> input);
}
