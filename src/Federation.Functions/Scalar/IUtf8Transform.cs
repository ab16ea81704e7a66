using Federation.Common.Arrow;

namespace Federation.Functions.Scalar;

/// <summary>A string-to-string transform applied to one non-null value; implemented by structs so the JIT specialises the loop.</summary>
internal interface IUtf8Transform
{
    void Apply(ReadOnlySpan<byte> input, VariableWidthBuilder output);
}
