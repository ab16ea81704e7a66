using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.Binary;

/// <summary>The loop of the binary functions: a value and an optional format name in, a text or binary value out.</summary>
internal static class BytesKernel
{
    public static ColumnarValue Map<TOp>(ReadOnlySpan<ColumnarValue> args, in KernelContext context, SqlType type, TOp op)
        where TOp : struct, IBytesTransform
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(type, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var input = new Utf8Arg(args[0]);
        var format = args.Length > 1 ? new Utf8Arg(args[1]) : default;
        var validity = KernelArgs.Validity(args, rows);
        var output = new VariableWidthBuilder(type, rows, input.IsScalar ? input.DataLength : input.DataLength + 16);
        for (var i = 0; i < rows; i++)
        {
            if (validity is not null && !Bitmap.Get(validity, i))
            {
                output.AppendNull();
                continue;
            }

            op.Apply(input[i], args.Length > 1 ? format[i] : default, output);
        }

        return KernelArgs.Wrap(output.Build(), args, type);
    }

    /// <summary>A format or encoding name compared as PostgreSQL compares them: case-insensitively.</summary>
    public static bool Is(ReadOnlySpan<byte> name, ReadOnlySpan<byte> lowerCase) => System.Text.Ascii.EqualsIgnoreCase(name, lowerCase);
}
