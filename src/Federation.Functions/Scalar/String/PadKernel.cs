using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>
/// Shared kernel of LPAD and RPAD, following PostgreSQL: a negative length counts as 0, a text longer than the
/// length is truncated (on the right, for both), an empty fill leaves the text unpadded, and the fill repeats
/// as often as needed (lpad('hi', 5, 'xy') = 'xyxhi').
/// </summary>
internal static class PadKernel
{
    /// <summary>The longest result PostgreSQL can allocate (1 GB), in characters of up to 4 bytes.</summary>
    private const long MaxLength = (1L << 30) / 4;

    public static ScalarFunctionBinding? Bind(ScalarFunction function, IReadOnlyList<SqlType> argumentTypes, ScalarKernel kernel)
    {
        if (argumentTypes.Count is < 2 or > 3 || !Signatures.IsText(argumentTypes[0]) || !Signatures.IsInteger(argumentTypes[1])
            || (argumentTypes.Count == 3 && !Signatures.IsText(argumentTypes[2])))
        {
            return null;
        }

        return argumentTypes.Count == 2
            ? new ScalarFunctionBinding(function, [SqlType.String, SqlType.Int64], SqlType.String, kernel)
            : new ScalarFunctionBinding(function, [SqlType.String, SqlType.Int64, SqlType.String], SqlType.String, kernel);
    }

    public static ColumnarValue Run(ReadOnlySpan<ColumnarValue> args, in KernelContext context, bool left)
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(SqlType.String, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var text = new Utf8Arg(args[0]);
        var length = new FixedArg<long>(args[1]);
        var fill = args.Length == 3 ? new Utf8Arg(args[2]) : new Utf8Arg(ScalarValue.String(" "));
        var validity = KernelArgs.Validity(args, rows);
        var output = VariableWidthBuilder.Utf8(rows, text.DataLength);
        long total = 0;
        for (var i = 0; i < rows; i++)
        {
            if (validity is not null && !Bitmap.Get(validity, i))
            {
                output.AppendNull();
                continue;
            }

            var target = System.Math.Max(length[i], 0);
            if (target > MaxLength)
            {
                ScalarErrors.RequestedLengthTooLarge();
            }

            var value = text[i];
            var cut = Utf8Text.ByteOffset(value, target);
            var kept = value[..cut];
            var keptChars = Utf8Text.CharCount(kept);
            var padding = fill[i];
            var padChars = padding.IsEmpty ? 0 : target - keptChars;
            var fillChars = padChars > 0 ? Utf8Text.CharCount(padding) : 1;

            // Whole copies of the fill plus a prefix of it.
            var wholeCopies = padChars / fillChars;
            var partial = padding[..Utf8Text.ByteOffset(padding, padChars % fillChars)];
            var size = kept.Length + (wholeCopies * padding.Length) + partial.Length;
            total += size;
            if (total > int.MaxValue)
            {
                ScalarErrors.BatchTooLarge();
            }

            var span = output.Reserve((int)size);
            var written = 0;
            if (!left)
            {
                kept.CopyTo(span);
                written = kept.Length;
            }

            for (var copy = 0L; copy < wholeCopies; copy++)
            {
                padding.CopyTo(span[written..]);
                written += padding.Length;
            }

            partial.CopyTo(span[written..]);
            written += partial.Length;
            if (left)
            {
                kept.CopyTo(span[written..]);
                written += kept.Length;
            }

            output.Commit(written);
        }

        return KernelArgs.Wrap(output.Build(), args, SqlType.String);
    }
}
