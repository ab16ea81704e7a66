using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>
/// SUBSTRING/SUBSTR(text, start [, count]): characters from the 1-based <c>start</c>. As in PostgreSQL a start
/// below 1 still counts toward <c>count</c> (substr('hello', 0, 3) = 'he'), and a negative count is an error.
/// </summary>
public sealed class SubstringFunction : ScalarFunction
{
    public override string Name => "substring";

    public override IReadOnlyList<string> Aliases => ["substr"];

    public override string SignatureHint => "substring(text, integer [, integer])";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        if (argumentTypes.Count is < 2 or > 3 || !Signatures.IsText(argumentTypes[0]))
        {
            return null;
        }

        for (var i = 1; i < argumentTypes.Count; i++)
        {
            if (!Signatures.IsInteger(argumentTypes[i]))
            {
                return null;
            }
        }

        return argumentTypes.Count == 2
            ? Binding([SqlType.String, SqlType.Int64], SqlType.String, Kernel)
            : Binding([SqlType.String, SqlType.Int64, SqlType.Int64], SqlType.String, Kernel);
    }

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context)
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(SqlType.String, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var text = new Utf8Arg(args[0]);
        var start = new FixedArg<long>(args[1]);
        var hasCount = args.Length == 3;
        var count = hasCount ? new FixedArg<long>(args[2]) : new FixedArg<long>(ScalarValue.Int64(0));
        var validity = KernelArgs.Validity(args, rows);
        var output = VariableWidthBuilder.Utf8(rows, text.DataLength);
        for (var i = 0; i < rows; i++)
        {
            if (validity is not null && !Bitmap.Get(validity, i))
            {
                output.AppendNull();
                continue;
            }

            var s = start[i];
            var first = System.Math.Max(s, 1);
            long length;
            if (hasCount)
            {
                var n = count[i];
                if (n < 0)
                {
                    ScalarErrors.Throw(ErrorCode.InvalidArgument, "negative substring length not allowed");
                }

                // End position (exclusive) is start + count; saturate instead of overflowing.
                var end = s > long.MaxValue - n ? long.MaxValue : s + n;
                length = end <= first ? 0 : end - first;
            }
            else
            {
                length = long.MaxValue;
            }

            output.Append(length == 0 ? default : Utf8Text.SliceChars(text[i], first - 1, length));
        }

        return KernelArgs.Wrap(output.Build(), args, SqlType.String);
    }
}
