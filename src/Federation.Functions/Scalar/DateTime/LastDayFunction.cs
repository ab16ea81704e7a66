using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.DateTime;

/// <summary>LAST_DAY(date | timestamp) (Redshift): the date of the last day of the value's month.</summary>
public sealed class LastDayFunction : ScalarFunction
{
    public override string Name => "last_day";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 1 && Signatures.IsTemporal(argumentTypes[0])
            ? Binding([Signatures.TemporalParameter(argumentTypes[0])], SqlType.Date, Kernel)
            : null;

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context)
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(SqlType.Date, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var values = new TemporalArg(args[0]);
        var validity = KernelArgs.Validity(args, rows);
        var buffer = ArrayFactory.AllocateValues<int>(rows);
        var output = ArrayFactory.ValuesOf<int>(buffer);
        for (var i = 0; i < rows; i++)
        {
            if (validity is not null && !Bitmap.Get(validity, i))
            {
                output[i] = 0;
                continue;
            }

            var (year, month, _) = DateTimeMath.CivilFromDays(DateTimeMath.DateOfTimestamp(values[i]));
            output[i] = DateTimeMath.DaysFromCivil(year, month, DateTimeMath.DaysInMonth(year, month));
        }

        return KernelArgs.Wrap(ArrayFactory.Fixed(SqlType.Date, buffer, rows, validity), args, SqlType.Date);
    }
}
