using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>CEIL/CEILING(x): the smallest integer not below x; decimal(p, s) gives decimal(p, 0), double gives double, integers are unchanged.</summary>
public sealed class CeilFunction : ScalarFunction
{
    public override string Name => "ceil";

    public override IReadOnlyList<string> Aliases => ["ceiling"];

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        Rounding.Bind(this, argumentTypes, RoundingMode.Up, allowDigits: false);
}
