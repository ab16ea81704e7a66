using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.DateTime;

/// <summary>
/// DATEDIFF(datepart, start, end) (Redshift): the number of datepart boundaries crossed from start to end, as
/// bigint (DATEDIFF(year, '2008-12-31', '2009-01-01') = 1); negative when end is earlier. Weeks start on Monday.
/// </summary>
public sealed class DateDiffFunction : ScalarFunction
{
    public override string Name => "datediff";

    public override string SignatureHint => "datediff(datepart, timestamp, timestamp)";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        if (argumentTypes.Count != 3 || !Signatures.IsText(argumentTypes[0]) || !Signatures.IsTemporal(argumentTypes[1])
            || !Signatures.IsTemporal(argumentTypes[2]))
        {
            return null;
        }

        var common = TypeCoercion.CommonType(Signatures.TemporalParameter(argumentTypes[1]), Signatures.TemporalParameter(argumentTypes[2]));
        if (common is null)
        {
            return null;
        }

        return Binding([SqlType.String, common, common], SqlType.Int64,
            (ReadOnlySpan<ColumnarValue> args, in KernelContext context) => Run(args, context, common));
    }

    private static ColumnarValue Run(ReadOnlySpan<ColumnarValue> args, in KernelContext context, SqlType input)
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(SqlType.Int64, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var units = new UnitArg(args[0], input, Calendar.CanAdd);
        var from = new TemporalArg(args[1]);
        var to = new TemporalArg(args[2]);
        var validity = KernelArgs.Validity(args, rows);
        var buffer = ArrayFactory.AllocateValues<long>(rows);
        var output = ArrayFactory.ValuesOf<long>(buffer);
        for (var i = 0; i < rows; i++)
        {
            output[i] = validity is null || Bitmap.Get(validity, i) ? Calendar.Diff(from[i], to[i], units.Get(i)) : 0;
        }

        return KernelArgs.Wrap(ArrayFactory.Fixed(SqlType.Int64, buffer, rows, validity), args, SqlType.Int64);
    }
}
