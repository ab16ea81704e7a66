using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.DateTime;

/// <summary>
/// DATE_TRUNC(field, value): the value truncated to the start of the field (microseconds ... millennium; week
/// starts on Monday). A date gives a timestamp, a timestamp a timestamp, a timestamptz a timestamptz (truncated
/// in UTC, the session time zone).
/// </summary>
public sealed class DateTruncFunction : ScalarFunction
{
    public override string Name => "date_trunc";

    public override string SignatureHint => "date_trunc(field text, value timestamp)";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        if (argumentTypes.Count != 2 || !Signatures.IsText(argumentTypes[0]) || !Signatures.IsTemporal(argumentTypes[1]))
        {
            return null;
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
        var validity = KernelArgs.Validity(args, rows);
        var buffer = ArrayFactory.AllocateValues<long>(rows);
        var output = ArrayFactory.ValuesOf<long>(buffer);
        for (var i = 0; i < rows; i++)
        {
            output[i] = validity is null || Bitmap.Get(validity, i) ? Calendar.Truncate(values[i], units.Get(i)) : 0;
        }

        return KernelArgs.Wrap(ArrayFactory.Fixed(result, buffer, rows, validity), args, result);
    }
}
