using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.DateTime;

/// <summary>
/// timezone(zone, value), the function behind value AT TIME ZONE zone (PostgreSQL): a timestamp is read as a wall
/// clock in the zone and becomes that instant (timestamptz); a timestamptz becomes the wall clock it shows in the zone
/// (timestamp). The zone is a name (an abbreviation such as EST, a tz database name, or a POSIX spec such as 'UTC+2',
/// which counts west) or an interval (an offset east). A date or untyped text is read as a timestamptz, as PostgreSQL
/// resolves it.
/// </summary>
public sealed class TimezoneFunction : ScalarFunction
{
    public override string Name => "timezone";

    public override string SignatureHint => "timezone(zone text | interval, value timestamp | timestamptz)";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        if (argumentTypes.Count != 2 || !(Signatures.IsText(argumentTypes[0]) || argumentTypes[0].Kind == TypeKind.Interval)
            || !Signatures.IsTemporal(argumentTypes[1]))
        {
            return null;
        }

        var zoneType = argumentTypes[0].Kind == TypeKind.Interval ? SqlType.Interval : SqlType.String;
        var input = argumentTypes[1].Kind == TypeKind.Timestamp ? SqlType.Timestamp : SqlType.TimestampTz;
        var result = input.Kind == TypeKind.Timestamp ? SqlType.TimestampTz : SqlType.Timestamp;
        return Binding([zoneType, input], result,
            (ReadOnlySpan<ColumnarValue> args, in KernelContext context) => Run(args, context, zoneType, result));
    }

    private static ColumnarValue Run(ReadOnlySpan<ColumnarValue> args, in KernelContext context, SqlType zoneType, SqlType result)
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(result, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var zones = new ZoneArg(args[0], zoneType.Kind == TypeKind.Interval);
        var values = new FixedArg<long>(args[1]);
        var validity = KernelArgs.Validity(args, rows);
        var buffer = ArrayFactory.AllocateValues<long>(rows);
        var output = ArrayFactory.ValuesOf<long>(buffer);
        var toInstant = result.Kind == TypeKind.TimestampTz;
        for (var i = 0; i < rows; i++)
        {
            if (validity is not null && !Bitmap.Get(validity, i))
            {
                continue;
            }

            var zone = zones.Get(i);
            output[i] = toInstant ? zone.ToUtc(values[i]) : zone.ToLocal(values[i]);
        }

        return KernelArgs.Wrap(ArrayFactory.Fixed(result, buffer, rows, validity), args, result);
    }
}
