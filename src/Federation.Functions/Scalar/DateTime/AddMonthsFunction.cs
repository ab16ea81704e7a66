using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.DateTime;

/// <summary>
/// ADD_MONTHS(date | timestamp, n) (Redshift): the value n months later as a timestamp (timestamptz stays
/// timestamptz). When the value is the last day of its month, or the target month is shorter, the result is the
/// last day of the target month (ADD_MONTHS('2008-02-29', 1) = 2008-03-31).
/// </summary>
public sealed class AddMonthsFunction : ScalarFunction
{
    public override string Name => "add_months";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        if (argumentTypes.Count != 2 || !Signatures.IsTemporal(argumentTypes[0]) || !Signatures.IsInteger(argumentTypes[1]))
        {
            return null;
        }

        var input = Signatures.TemporalParameter(argumentTypes[0]);
        var result = input.Kind == TypeKind.TimestampTz ? SqlType.TimestampTz : SqlType.Timestamp;
        return Binding([input, SqlType.Int64], result,
            (ReadOnlySpan<ColumnarValue> args, in KernelContext context) => Run(args, context, result));
    }

    private static ColumnarValue Run(ReadOnlySpan<ColumnarValue> args, in KernelContext context, SqlType result)
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(result, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var values = new TemporalArg(args[0]);
        var months = new FixedArg<long>(args[1]);
        var validity = KernelArgs.Validity(args, rows);
        var buffer = ArrayFactory.AllocateValues<long>(rows);
        var output = ArrayFactory.ValuesOf<long>(buffer);
        for (var i = 0; i < rows; i++)
        {
            output[i] = validity is null || Bitmap.Get(validity, i) ? Calendar.AddMonths(values[i], months[i], endOfMonth: true) : 0;
        }

        return KernelArgs.Wrap(ArrayFactory.Fixed(result, buffer, rows, validity), args, result);
    }
}
