using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>
/// Shared kernel of POSITION, STRPOS and CHARINDEX: the 1-based character position of the first occurrence of a
/// substring, 0 when absent, 1 for an empty substring. UTF-8 is self-synchronising, so a byte search finds
/// exactly the character matches.
/// </summary>
internal static class PositionKernel
{
    public static ScalarFunctionBinding? Bind(ScalarFunction function, IReadOnlyList<SqlType> argumentTypes, ScalarKernel kernel) =>
        argumentTypes.Count == 2 && Signatures.AllText(argumentTypes)
            ? new ScalarFunctionBinding(function, [SqlType.String, SqlType.String], SqlType.Int32, kernel)
            : null;

    public static ColumnarValue Run(ReadOnlySpan<ColumnarValue> args, in KernelContext context, int haystackIndex, int needleIndex)
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(SqlType.Int32, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var haystack = new Utf8Arg(args[haystackIndex]);
        var needle = new Utf8Arg(args[needleIndex]);
        var validity = KernelArgs.Validity(args, rows);
        var buffer = ArrayFactory.AllocateValues<int>(rows);
        var values = ArrayFactory.ValuesOf<int>(buffer);
        for (var i = 0; i < rows; i++)
        {
            if (validity is not null && !Bitmap.Get(validity, i))
            {
                values[i] = 0;
                continue;
            }

            var text = haystack[i];
            var index = text.IndexOf(needle[i]);
            values[i] = index < 0 ? 0 : Utf8Text.CharPosition(text, index);
        }

        return KernelArgs.Wrap(ArrayFactory.Fixed(SqlType.Int32, buffer, rows, validity), args, SqlType.Int32);
    }
}
