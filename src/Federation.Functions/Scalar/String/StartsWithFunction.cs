using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>STARTS_WITH(text, prefix): whether the text begins with the prefix.</summary>
public sealed class StartsWithFunction : ScalarFunction
{
    public override string Name => "starts_with";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 2 && Signatures.AllText(argumentTypes)
            ? Binding([SqlType.String, SqlType.String], SqlType.Boolean, Kernel)
            : null;

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context)
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(SqlType.Boolean, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var text = new Utf8Arg(args[0]);
        var prefix = new Utf8Arg(args[1]);
        var validity = KernelArgs.Validity(args, rows);
        var bits = Bitmap.AllClear(rows);
        for (var i = 0; i < rows; i++)
        {
            if ((validity is null || Bitmap.Get(validity, i)) && text[i].StartsWith(prefix[i]))
            {
                Bitmap.Set(bits, i);
            }
        }

        return KernelArgs.Wrap(ArrayFactory.Boolean(bits, rows, validity), args, SqlType.Boolean);
    }
}
