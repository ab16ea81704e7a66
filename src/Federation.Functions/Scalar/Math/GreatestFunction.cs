using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>GREATEST(value, ...): the largest non-NULL argument, in the arguments' common type.</summary>
public sealed class GreatestFunction : ScalarFunction
{
    public override string Name => "greatest";

    public override bool IsStrict => false;

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => ExtremumKernel.Bind(this, argumentTypes, greatest: true);
}
