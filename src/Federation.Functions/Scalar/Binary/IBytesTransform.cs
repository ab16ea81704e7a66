using Federation.Common.Arrow;

namespace Federation.Functions.Scalar.Binary;

/// <summary>
/// A transform of one non-null value (text or binary bytes) under a format or encoding name (the second argument),
/// into text or binary; implemented by structs so the JIT specialises the loop.
/// </summary>
internal interface IBytesTransform
{
    void Apply(ReadOnlySpan<byte> input, ReadOnlySpan<byte> format, VariableWidthBuilder output);
}
