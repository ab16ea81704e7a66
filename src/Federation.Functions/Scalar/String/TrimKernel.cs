using System.Text;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>Shared kernel of BTRIM, LTRIM and RTRIM: removes the longest prefix/suffix made of characters in a set.</summary>
internal static class TrimKernel
{
    public static ScalarFunctionBinding? Bind(ScalarFunction function, IReadOnlyList<SqlType> argumentTypes, ScalarKernel kernel)
    {
        if (argumentTypes.Count is < 1 or > 2 || !Signatures.AllText(argumentTypes))
        {
            return null;
        }

        return new ScalarFunctionBinding(function, Signatures.Repeat(SqlType.String, argumentTypes.Count), SqlType.String, kernel);
    }

    public static ColumnarValue Run(ReadOnlySpan<ColumnarValue> args, in KernelContext context, bool left, bool right)
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(SqlType.String, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var text = new Utf8Arg(args[0]);
        var validity = KernelArgs.Validity(args, rows);
        var output = VariableWidthBuilder.Utf8(rows, text.DataLength);
        if (args.Length == 1 || args[1].IsScalar)
        {
            var set = args.Length == 1 ? CharSet.Space : CharSet.Of(Encoding.UTF8.GetBytes((string)args[1].Scalar!.Value!));
            for (var i = 0; i < rows; i++)
            {
                if (validity is not null && !Bitmap.Get(validity, i))
                {
                    output.AppendNull();
                    continue;
                }

                output.Append(Trim(text[i], set, left, right));
            }
        }
        else
        {
            var chars = new Utf8Arg(args[1]);
            for (var i = 0; i < rows; i++)
            {
                if (validity is not null && !Bitmap.Get(validity, i))
                {
                    output.AppendNull();
                    continue;
                }

                output.Append(Trim(text[i], CharSet.Of(chars[i]), left, right));
            }
        }

        return KernelArgs.Wrap(output.Build(), args, SqlType.String);
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> text, CharSet set, bool left, bool right)
    {
        var start = 0;
        var end = text.Length;
        if (left)
        {
            while (start < end)
            {
                var length = Utf8Text.SequenceLength(text[start]);
                if (!set.Contains(text.Slice(start, System.Math.Min(length, end - start))))
                {
                    break;
                }

                start += length;
            }
        }

        if (right)
        {
            while (end > start)
            {
                var lead = end - 1;
                while (lead > start && Utf8Text.IsContinuation(text[lead]))
                {
                    lead--;
                }

                if (!set.Contains(text[lead..end]))
                {
                    break;
                }

                end = lead;
            }
        }

        return text[start..end];
    }
}
