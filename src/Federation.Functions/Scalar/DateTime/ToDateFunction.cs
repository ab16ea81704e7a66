using System.Text;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.DateTime;

/// <summary>TO_DATE(text, format): the date read from text with a PostgreSQL template (see <see cref="DateParser"/>).</summary>
public sealed class ToDateFunction : ScalarFunction
{
    public override string Name => "to_date";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 2 && Signatures.AllText(argumentTypes) ? Binding([SqlType.String, SqlType.String], SqlType.Date, Kernel) : null;

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context)
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(SqlType.Date, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var texts = new Utf8Arg(args[0]);
        var formats = new Utf8Arg(args[1]);
        var validity = KernelArgs.Validity(args, rows);
        var buffer = ArrayFactory.AllocateValues<int>(rows);
        var output = ArrayFactory.ValuesOf<int>(buffer);
        var templates = new TemplateCache();
        for (var i = 0; i < rows; i++)
        {
            output[i] = validity is null || Bitmap.Get(validity, i)
                ? DateTimeMath.DateOfTimestamp(DateParser.Parse(templates.Get(formats[i]), Encoding.UTF8.GetString(texts[i])))
                : 0;
        }

        return KernelArgs.Wrap(ArrayFactory.Fixed(SqlType.Date, buffer, rows, validity), args, SqlType.Date);
    }
}
