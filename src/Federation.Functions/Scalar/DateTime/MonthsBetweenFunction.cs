using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.DateTime;

/// <summary>
/// MONTHS_BETWEEN(date1, date2) (Redshift): months from date2 to date1 as double precision. A whole number when
/// both have the same day of month or both are month ends; otherwise the day difference counts in 31-day months.
/// Times of day are ignored.
/// </summary>
public sealed class MonthsBetweenFunction : ScalarFunction
{
    public override string Name => "months_between";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 2 && Signatures.IsTemporal(argumentTypes[0]) && Signatures.IsTemporal(argumentTypes[1])
            ? Binding([Signatures.TemporalParameter(argumentTypes[0]), Signatures.TemporalParameter(argumentTypes[1])], SqlType.Float64, Kernel)
            : null;

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context)
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(SqlType.Float64, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var left = new TemporalArg(args[0]);
        var right = new TemporalArg(args[1]);
        var validity = KernelArgs.Validity(args, rows);
        var buffer = ArrayFactory.AllocateValues<double>(rows);
        var output = ArrayFactory.ValuesOf<double>(buffer);
        for (var i = 0; i < rows; i++)
        {
            output[i] = validity is null || Bitmap.Get(validity, i) ? Between(left[i], right[i]) : 0;
        }

        return KernelArgs.Wrap(ArrayFactory.Fixed(SqlType.Float64, buffer, rows, validity), args, SqlType.Float64);
    }

    private static double Between(long first, long second)
    {
        var (y1, m1, d1) = DateTimeMath.CivilFromDays(DateTimeMath.DateOfTimestamp(first));
        var (y2, m2, d2) = DateTimeMath.CivilFromDays(DateTimeMath.DateOfTimestamp(second));
        double months = ((y1 - y2) * 12L) + (m1 - m2);
        var bothMonthEnds = d1 == DateTimeMath.DaysInMonth(y1, m1) && d2 == DateTimeMath.DaysInMonth(y2, m2);
        return d1 == d2 || bothMonthEnds ? months : months + ((d1 - d2) / 31.0);
    }
}
