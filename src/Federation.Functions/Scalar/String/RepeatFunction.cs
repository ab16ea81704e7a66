using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>REPEAT(text, n): the text n times; '' when n &lt;= 0.</summary>
public sealed class RepeatFunction : ScalarFunction
{
    private const long MaxBytes = 1L << 30;

    public override string Name => "repeat";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 2 && Signatures.IsText(argumentTypes[0]) && Signatures.IsInteger(argumentTypes[1])
            ? Binding([SqlType.String, SqlType.Int64], SqlType.String, Kernel)
            : null;

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context)
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(SqlType.String, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var text = new Utf8Arg(args[0]);
        var times = new FixedArg<long>(args[1]);
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

            var value = text[i];
            var n = System.Math.Max(times[i], 0);
            if (value.IsEmpty || n == 0)
            {
                output.Append(default(ReadOnlySpan<byte>));
                continue;
            }

            if (n > MaxBytes / value.Length)
            {
                ScalarErrors.RequestedLengthTooLarge();
            }

            var size = (int)(n * value.Length);
            total += size;
            if (total > int.MaxValue)
            {
                ScalarErrors.BatchTooLarge();
            }

            var span = output.Reserve(size);
            for (var written = 0; written < size; written += value.Length)
            {
                value.CopyTo(span[written..]);
            }

            output.Commit(size);
        }

        return KernelArgs.Wrap(output.Build(), args, SqlType.String);
    }
}
