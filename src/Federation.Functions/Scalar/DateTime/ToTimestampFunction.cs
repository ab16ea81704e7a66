using System.Text;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.DateTime;

/// <summary>
/// TO_TIMESTAMP(text, format): the timestamp with time zone read from text with a PostgreSQL template (see
/// <see cref="DateParser"/>; the text is taken as UTC unless TZH/TZM give an offset). TO_TIMESTAMP(seconds):
/// the Unix epoch plus a number of seconds.
/// </summary>
public sealed class ToTimestampFunction : ScalarFunction
{
    public override string Name => "to_timestamp";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        if (argumentTypes.Count == 1 && Signatures.IsNumeric(argumentTypes[0]))
        {
            return Binding([SqlType.Float64], SqlType.TimestampTz, FromEpoch);
        }

        return argumentTypes.Count == 2 && Signatures.AllText(argumentTypes)
            ? Binding([SqlType.String, SqlType.String], SqlType.TimestampTz, FromText)
            : null;
    }

    private static ColumnarValue FromText(ReadOnlySpan<ColumnarValue> args, in KernelContext context)
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(SqlType.TimestampTz, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var texts = new Utf8Arg(args[0]);
        var formats = new Utf8Arg(args[1]);
        var validity = KernelArgs.Validity(args, rows);
        var buffer = ArrayFactory.AllocateValues<long>(rows);
        var output = ArrayFactory.ValuesOf<long>(buffer);
        var templates = new TemplateCache();
        for (var i = 0; i < rows; i++)
        {
            output[i] = validity is null || Bitmap.Get(validity, i)
                ? DateParser.Parse(templates.Get(formats[i]), Encoding.UTF8.GetString(texts[i]))
                : 0;
        }

        return KernelArgs.Wrap(ArrayFactory.Fixed(SqlType.TimestampTz, buffer, rows, validity), args, SqlType.TimestampTz);
    }

    private static ColumnarValue FromEpoch(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        MapKernels.Map<double, long, EpochOp>(args, context, SqlType.TimestampTz, default);

    private readonly struct EpochOp : IUnaryOp<double, long>
    {
        public long Apply(double value)
        {
            if (double.IsNaN(value))
            {
                ScalarErrors.Throw(ErrorCode.InvalidArgument, "timestamp cannot be NaN");
            }

            var micros = System.Math.Round(value * 1_000_000.0);
            if (!(micros > -9.2e18 && micros < 9.2e18))
            {
                ScalarErrors.Throw(ErrorCode.InvalidDatetime, "timestamp out of range: \"" + DecimalMath.FormatDouble(value) + "\"");
            }

            return (long)micros;
        }
    }
}
