using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.DateTime;

/// <summary>
/// DATE_TRUNC(field, value [, zone]): the value truncated to the start of the field (microseconds ... millennium; week
/// starts on Monday). A date gives a timestamp, a timestamp a timestamp, a timestamptz a timestamptz, truncated on the
/// wall clock of the session time zone, or of the zone given as the third argument (PostgreSQL 12+): day and larger
/// units start at local midnight.
/// </summary>
public sealed class DateTruncFunction : ScalarFunction
{
    public override string Name => "date_trunc";

    public override string SignatureHint => "date_trunc(field text, value timestamp [, zone text])";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        if (argumentTypes.Count is not (2 or 3) || !Signatures.IsText(argumentTypes[0]) || !Signatures.IsTemporal(argumentTypes[1]))
        {
            return null;
        }

        if (argumentTypes.Count == 3)
        {
            if (!Signatures.IsText(argumentTypes[2]))
            {
                return null;
            }

            // The zone form is for timestamptz only; a date or timestamp is read as a timestamptz in the session zone.
            return Binding([SqlType.String, SqlType.TimestampTz, SqlType.String], SqlType.TimestampTz,
                (ReadOnlySpan<ColumnarValue> args, in KernelContext context) => Run(args, context, SqlType.TimestampTz, SqlType.TimestampTz));
        }

        var input = Signatures.TemporalParameter(argumentTypes[1]);
        var result = input.Kind == TypeKind.TimestampTz ? SqlType.TimestampTz : SqlType.Timestamp;
        return Binding([SqlType.String, input], result,
            (ReadOnlySpan<ColumnarValue> args, in KernelContext context) => Run(args, context, input, result));
    }

    private static ColumnarValue Run(ReadOnlySpan<ColumnarValue> args, in KernelContext context, SqlType input, SqlType result)
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(result, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var units = new UnitArg(args[0], input, Calendar.CanTruncate, unsupportedIsUnknown: true);
        var values = new TemporalArg(args[1]);
        var zones = args.Length == 3 ? new ZoneArg(args[2]) : default;
        var validity = KernelArgs.Validity(args, rows);
        var buffer = ArrayFactory.AllocateValues<long>(rows);
        var output = ArrayFactory.ValuesOf<long>(buffer);
        var withZone = input.Kind == TypeKind.TimestampTz;
        for (var i = 0; i < rows; i++)
        {
            if (validity is not null && !Bitmap.Get(validity, i))
            {
                continue;
            }

            output[i] = !withZone ? Calendar.Truncate(values[i], units.Get(i))
                : Calendar.TruncateWithZone(values[i], units.Get(i), args.Length == 3 ? zones.Get(i) : context.TimeZone);
        }

        return KernelArgs.Wrap(ArrayFactory.Fixed(result, buffer, rows, validity), args, result);
    }
}
