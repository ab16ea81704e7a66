using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>FLOOR(x): the largest integer not above x; decimal(p, s) gives decimal(p, 0), double gives double, integers are unchanged.</summary>
public sealed class FloorFunction : ScalarFunction
{
    public override string Name => "floor";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        Rounding.Bind(this, argumentTypes, RoundingMode.Down, allowDigits: false);
}
