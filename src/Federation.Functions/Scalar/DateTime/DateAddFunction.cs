using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.DateTime;

/// <summary>
/// DATEADD(datepart, n, value) (Redshift): value plus n dateparts (microsecond ... millennium). Dates and
/// timestamps give a timestamp, timestamptz a timestamptz. Month-based parts clamp the day to the end of the
/// target month (DATEADD(month, 1, '2008-01-31') = 2008-02-29).
/// </summary>
public sealed class DateAddFunction : ScalarFunction
{
    public override string Name => "dateadd";

    public override string SignatureHint => "dateadd(datepart, integer, timestamp)";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        if (argumentTypes.Count != 3 || !Signatures.IsText(argumentTypes[0]) || !Signatures.IsInteger(argumentTypes[1])
            || !Signatures.IsTemporal(argumentTypes[2]))
        {
            return null;
        }

        var input = Signatures.TemporalParameter(argumentTypes[2]);
        var result = input.Kind == TypeKind.TimestampTz ? SqlType.TimestampTz : SqlType.Timestamp;
        return Binding([SqlType.String, SqlType.Int64, input], result,
            (ReadOnlySpan<ColumnarValue> args, in KernelContext context) => Run(args, context, input, result));
    }

    private static ColumnarValue Run(ReadOnlySpan<ColumnarValue> args, in KernelContext context, SqlType input, SqlType result)
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(result, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var units = new UnitArg(args[0], input, Calendar.CanAdd);
        var amounts = new FixedArg<long>(args[1]);
        var values = new TemporalArg(args[2]);
        var validity = KernelArgs.Validity(args, rows);
        var buffer = ArrayFactory.AllocateValues<long>(rows);
        var output = ArrayFactory.ValuesOf<long>(buffer);
        for (var i = 0; i < rows; i++)
        {
            output[i] = validity is null || Bitmap.Get(validity, i) ? Calendar.Add(values[i], units.Get(i), amounts[i]) : 0;
        }

        return KernelArgs.Wrap(ArrayFactory.Fixed(result, buffer, rows, validity), args, result);
    }
}
