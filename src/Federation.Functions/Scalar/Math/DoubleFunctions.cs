using Federation.Common;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>
/// Binding and error rules shared by the double-precision functions. PostgreSQL evaluates SQRT, LN, EXP, POWER
/// ... in numeric for numeric input; Federation evaluates them in double precision for every numeric input
/// (integers and decimals are cast to double by the binder), so results for exact inputs may differ in the last
/// digits and never carry more than 17 significant digits.
/// </summary>
internal static class DoubleFunctions
{
    public static ScalarFunctionBinding? BindUnary(ScalarFunction function, IReadOnlyList<SqlType> argumentTypes, ScalarKernel kernel) =>
        argumentTypes.Count == 1 && Signatures.IsNumeric(argumentTypes[0])
            ? new ScalarFunctionBinding(function, [SqlType.Float64], SqlType.Float64, kernel)
            : null;

    public static ScalarFunctionBinding? BindBinary(ScalarFunction function, IReadOnlyList<SqlType> argumentTypes, ScalarKernel kernel) =>
        argumentTypes.Count == 2 && Signatures.IsNumeric(argumentTypes[0]) && Signatures.IsNumeric(argumentTypes[1])
            ? new ScalarFunctionBinding(function, [SqlType.Float64, SqlType.Float64], SqlType.Float64, kernel)
            : null;

    /// <summary>PostgreSQL's check after a float8 operation: an infinite result from finite input is an overflow.</summary>
    public static double CheckOverflow(double result, double input)
    {
        if (double.IsInfinity(result) && !double.IsInfinity(input))
        {
            ScalarErrors.FloatOverflow();
        }

        return result;
    }

    public static double Logarithm(double x, double result)
    {
        if (x == 0)
        {
            ScalarErrors.Throw(ErrorCode.InvalidArgument, "cannot take logarithm of zero");
        }

        if (x < 0)
        {
            ScalarErrors.Throw(ErrorCode.InvalidArgument, "cannot take logarithm of a negative number");
        }

        return result;
    }

    public static double CheckFiniteInput(double x)
    {
        if (double.IsInfinity(x))
        {
            ScalarErrors.Throw(ErrorCode.InvalidArgument, "input is out of range");
        }

        return x;
    }
}
