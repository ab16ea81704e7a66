using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>REPLACE(text, from, to): every non-overlapping occurrence of <c>from</c>, left to right, becomes <c>to</c>.</summary>
public sealed class ReplaceFunction : ScalarFunction
{
    public override string Name => "replace";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 3 && Signatures.AllText(argumentTypes)
            ? Binding([SqlType.String, SqlType.String, SqlType.String], SqlType.String, Kernel)
            : null;

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context)
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(SqlType.String, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var text = new Utf8Arg(args[0]);
        var from = new Utf8Arg(args[1]);
        var to = new Utf8Arg(args[2]);
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
            var search = from[i];
            var index = search.IsEmpty ? -1 : value.IndexOf(search);
            if (index < 0)
            {
                output.Append(value);
                continue;
            }

            var replacement = to[i];
            long count = 0;
            for (var rest = value; index >= 0; index = rest.IndexOf(search))
            {
                count++;
                rest = rest[(index + search.Length)..];
            }

            var size = value.Length + (count * (replacement.Length - search.Length));
            if (size > int.MaxValue / 2)
            {
                ScalarErrors.RequestedLengthTooLarge();
            }

            var target = output.Reserve((int)size);
            var written = 0;
            while (true)
            {
                index = value.IndexOf(search);
                if (index < 0)
                {
                    value.CopyTo(target[written..]);
                    written += value.Length;
                    break;
                }

                value[..index].CopyTo(target[written..]);
                written += index;
                replacement.CopyTo(target[written..]);
                written += replacement.Length;
                value = value[(index + search.Length)..];
            }

            output.Commit(written);
        }

        return KernelArgs.Wrap(output.Build(), args, SqlType.String);
    }
}
