using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>
/// Shared kernel of LEFT and RIGHT. LEFT(s, n) keeps the first n characters, or all but the last |n| when n is
/// negative; RIGHT(s, n) keeps the last n, or all but the first |n|.
/// </summary>
internal static class LeftRightKernel
{
    public static ScalarFunctionBinding? Bind(ScalarFunction function, IReadOnlyList<SqlType> argumentTypes, ScalarKernel kernel) =>
        argumentTypes.Count == 2 && Signatures.IsText(argumentTypes[0]) && Signatures.IsInteger(argumentTypes[1])
            ? new ScalarFunctionBinding(function, [SqlType.String, SqlType.Int64], SqlType.String, kernel)
            : null;

    public static ColumnarValue Run(ReadOnlySpan<ColumnarValue> args, in KernelContext context, bool left)
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(SqlType.String, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var text = new Utf8Arg(args[0]);
        var count = new FixedArg<long>(args[1]);
        var validity = KernelArgs.Validity(args, rows);
        var output = VariableWidthBuilder.Utf8(rows, text.DataLength);
        for (var i = 0; i < rows; i++)
        {
            if (validity is not null && !Bitmap.Get(validity, i))
            {
                output.AppendNull();
                continue;
            }

            var value = text[i];
            var n = System.Math.Max(count[i], -long.MaxValue);
            ReadOnlySpan<byte> result;
            if (left)
            {
                result = n >= 0 ? value[..Utf8Text.ByteOffset(value, n)] : value[..Utf8Text.ByteOffsetFromEnd(value, -n)];
            }
            else
            {
                result = n >= 0 ? value[Utf8Text.ByteOffsetFromEnd(value, n)..] : value[Utf8Text.ByteOffset(value, -n)..];
            }

            output.Append(result);
        }

        return KernelArgs.Wrap(output.Build(), args, SqlType.String);
    }
}
