using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>
/// SPLIT_PART(text, delimiter, n): the n-th field (1-based); a negative n counts from the end (PostgreSQL 14);
/// n = 0 is an error; a field past the end is ''. An empty delimiter makes the whole text the only field.
/// </summary>
public sealed class SplitPartFunction : ScalarFunction
{
    public override string Name => "split_part";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 3 && Signatures.IsText(argumentTypes[0]) && Signatures.IsText(argumentTypes[1]) && Signatures.IsInteger(argumentTypes[2])
            ? Binding([SqlType.String, SqlType.String, SqlType.Int64], SqlType.String, Kernel)
            : null;

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context)
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(SqlType.String, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var text = new Utf8Arg(args[0]);
        var delimiter = new Utf8Arg(args[1]);
        var field = new FixedArg<long>(args[2]);
        var validity = KernelArgs.Validity(args, rows);
        var output = VariableWidthBuilder.Utf8(rows, text.DataLength / 2);
        for (var i = 0; i < rows; i++)
        {
            if (validity is not null && !Bitmap.Get(validity, i))
            {
                output.AppendNull();
                continue;
            }

            var n = field[i];
            if (n == 0)
            {
                ScalarErrors.Throw(ErrorCode.InvalidArgument, "field position must not be zero");
            }

            output.Append(Part(text[i], delimiter[i], n));
        }

        return KernelArgs.Wrap(output.Build(), args, SqlType.String);
    }

    private static ReadOnlySpan<byte> Part(ReadOnlySpan<byte> text, ReadOnlySpan<byte> delimiter, long n)
    {
        if (text.IsEmpty)
        {
            return default;
        }

        if (delimiter.IsEmpty)
        {
            return n is 1 or -1 ? text : default;
        }

        if (n < 0)
        {
            long fields = 1;
            for (var rest = text; ;)
            {
                var index = rest.IndexOf(delimiter);
                if (index < 0)
                {
                    break;
                }

                fields++;
                rest = rest[(index + delimiter.Length)..];
            }

            n = fields + n + 1;
            if (n <= 0)
            {
                return default;
            }
        }

        var remaining = text;
        for (long current = 1; ; current++)
        {
            var index = remaining.IndexOf(delimiter);
            if (current == n)
            {
                return index < 0 ? remaining : remaining[..index];
            }

            if (index < 0)
            {
                return default;
            }

            remaining = remaining[(index + delimiter.Length)..];
        }
    }
}
