using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.DateTime;

/// <summary>
/// DATE_PART(field, value), also EXTRACT(field FROM value), which the parser rewrites to date_part: a field of a
/// date, timestamp, timestamptz or interval as double precision (PostgreSQL's date_part; EXTRACT's numeric
/// result in PostgreSQL 14+ is not distinguished). Fields: microsecond(s), millisecond(s), second (with
/// fraction), minute, hour, day, week (ISO), month, quarter, year, decade, century, millennium, dow (0 = Sunday),
/// isodow, doy, epoch, isoyear, julian, timezone* (0 for timestamptz), with Redshift's abbreviations.
/// </summary>
public sealed class DatePartFunction : ScalarFunction
{
    public override string Name => "date_part";

    public override string SignatureHint => "date_part(field text, value timestamp)";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        if (argumentTypes.Count != 2 || !Signatures.IsText(argumentTypes[0]))
        {
            return null;
        }

        var valueType = argumentTypes[1];
        if (valueType.Kind == TypeKind.Interval)
        {
            return Binding([SqlType.String, SqlType.Interval], SqlType.Float64, RunInterval);
        }

        if (!Signatures.IsTemporal(valueType))
        {
            return null;
        }

        var input = Signatures.TemporalParameter(valueType);
        return Binding([SqlType.String, input], SqlType.Float64,
            (ReadOnlySpan<ColumnarValue> args, in KernelContext context) => Run(args, context, input));
    }

    private static ColumnarValue Run(ReadOnlySpan<ColumnarValue> args, in KernelContext context, SqlType input)
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(SqlType.Float64, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var withZone = input.Kind == TypeKind.TimestampTz;
        var units = new UnitArg(args[0], input, unit => withZone || unit < DateUnit.Timezone);
        var values = new TemporalArg(args[1]);
        var validity = KernelArgs.Validity(args, rows);
        var buffer = ArrayFactory.AllocateValues<double>(rows);
        var output = ArrayFactory.ValuesOf<double>(buffer);
        for (var i = 0; i < rows; i++)
        {
            if (validity is not null && !Bitmap.Get(validity, i))
            {
                continue;
            }

            output[i] = withZone ? Calendar.PartWithZone(values[i], units.Get(i), context.TimeZone) : Calendar.Part(values[i], units.Get(i));
        }

        return KernelArgs.Wrap(ArrayFactory.Fixed(SqlType.Float64, buffer, rows, validity), args, SqlType.Float64);
    }

    private static ColumnarValue RunInterval(ReadOnlySpan<ColumnarValue> args, in KernelContext context)
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(SqlType.Float64, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var units = new UnitArg(args[0], SqlType.Interval, Calendar.IsIntervalPart);
        var values = new FixedArg<Apache.Arrow.Scalars.MonthDayNanosecondInterval>(args[1]);
        var validity = KernelArgs.Validity(args, rows);
        var buffer = ArrayFactory.AllocateValues<double>(rows);
        var output = ArrayFactory.ValuesOf<double>(buffer);
        for (var i = 0; i < rows; i++)
        {
            output[i] = validity is null || Bitmap.Get(validity, i) ? Calendar.Part(IntervalCodec.FromArrow(values[i]), units.Get(i)) : 0;
        }

        return KernelArgs.Wrap(ArrayFactory.Fixed(SqlType.Float64, buffer, rows, validity), args, SqlType.Float64);
    }
}
