using Federation.Common.Types;

namespace Federation.Functions.Scalar.Math;

/// <summary>
/// Shared binding and kernel of GREATEST and LEAST: all arguments in their common type; NULLs are ignored and
/// the result is NULL only when every argument is. Strings compare by code point (C collation).
/// </summary>
internal static class ExtremumKernel
{
    public static ScalarFunctionBinding? Bind(ScalarFunction function, IReadOnlyList<SqlType> argumentTypes, bool greatest)
    {
        if (argumentTypes.Count == 0)
        {
            return null;
        }

        var type = Signatures.CommonType(argumentTypes);
        if (type is null)
        {
            return null;
        }

        return new ScalarFunctionBinding(function, Signatures.Repeat(type, argumentTypes.Count), type,
            (ReadOnlySpan<ColumnarValue> args, in KernelContext context) => Run(args, context, type, greatest));
    }

    private static ColumnarValue Run(ReadOnlySpan<ColumnarValue> args, in KernelContext context, SqlType type, bool greatest)
    {
        var rows = KernelArgs.Rows(args, context);
        var choice = RowSelection.Extremum(type, args, rows, greatest);
        return KernelArgs.Wrap(RowSelection.Gather(type, args, choice, rows), args, type);
    }
}
