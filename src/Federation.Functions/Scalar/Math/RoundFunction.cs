using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>ROUND(x [, digits]): rounds half away from zero. See <see cref="Rounding"/> for the result types.</summary>
public sealed class RoundFunction : ScalarFunction
{
    public override string Name => "round";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        Rounding.Bind(this, argumentTypes, RoundingMode.HalfAwayFromZero, allowDigits: true);

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes, IReadOnlyList<ScalarValue?> constants) =>
        Rounding.Bind(this, argumentTypes, RoundingMode.HalfAwayFromZero, allowDigits: true, constants);
}
