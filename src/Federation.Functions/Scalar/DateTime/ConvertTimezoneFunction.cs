using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.DateTime;

/// <summary>
/// CONVERT_TIMEZONE(['source',] 'target', timestamp) (Redshift): the wall clock a timestamp in the source zone (UTC when
/// not given) shows in the target zone, as a timestamp. Zones are read as AT TIME ZONE reads them (names,
/// abbreviations, POSIX specs such as 'UTC+3' counting west). A timestamptz argument is an instant: its source is that
/// instant whatever the source zone says, as Redshift converts it to a timestamp in UTC first.
/// </summary>
public sealed class ConvertTimezoneFunction : ScalarFunction
{
    public override string Name => "convert_timezone";

    public override string SignatureHint => "convert_timezone([source text,] target text, value timestamp)";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        if (argumentTypes.Count is not (2 or 3) || !Signatures.IsTemporal(argumentTypes[^1]))
        {
            return null;
        }

        for (var i = 0; i < argumentTypes.Count - 1; i++)
        {
            if (!Signatures.IsText(argumentTypes[i]))
            {
                return null;
            }
        }

        // A timestamptz is an instant already; anything else is a wall clock in the source zone.
        var input = argumentTypes[^1].Kind == TypeKind.TimestampTz ? SqlType.TimestampTz : SqlType.Timestamp;
        var parameters = argumentTypes.Count == 3 ? new[] { SqlType.String, SqlType.String, input } : new[] { SqlType.String, input };
        return Binding(parameters, SqlType.Timestamp,
            (ReadOnlySpan<ColumnarValue> args, in KernelContext context) => Run(args, context, input.Kind == TypeKind.TimestampTz));
    }

    private static ColumnarValue Run(ReadOnlySpan<ColumnarValue> args, in KernelContext context, bool instant)
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(SqlType.Timestamp, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var withSource = args.Length == 3;
        var sources = withSource ? new ZoneArg(args[0]) : default;
        var targets = new ZoneArg(args[withSource ? 1 : 0]);
        var values = new FixedArg<long>(args[^1]);
        var validity = KernelArgs.Validity(args, rows);
        var buffer = ArrayFactory.AllocateValues<long>(rows);
        var output = ArrayFactory.ValuesOf<long>(buffer);
        for (var i = 0; i < rows; i++)
        {
            if (validity is not null && !Bitmap.Get(validity, i))
            {
                continue;
            }

            var utc = instant ? values[i] : withSource ? sources.Get(i).ToUtc(values[i]) : values[i];
            output[i] = targets.Get(i).ToLocal(utc);
        }

        return KernelArgs.Wrap(ArrayFactory.Fixed(SqlType.Timestamp, buffer, rows, validity), args, SqlType.Timestamp);
    }
}
