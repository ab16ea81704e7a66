using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>LEAST(value, ...): the smallest non-NULL argument, in the arguments' common type.</summary>
public sealed class LeastFunction : ScalarFunction
{
    public override string Name => "least";

    public override bool IsStrict => false;

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => ExtremumKernel.Bind(this, argumentTypes, greatest: false);
}
