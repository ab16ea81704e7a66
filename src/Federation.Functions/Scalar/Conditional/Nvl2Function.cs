using Federation.Common.Types;

namespace Federation.Functions.Scalar.Conditional;

/// <summary>NVL2(x, a, b) (Redshift): a when x is not NULL, otherwise b, in the common type of a and b.</summary>
public sealed class Nvl2Function : ScalarFunction
{
    public override string Name => "nvl2";

    public override bool IsStrict => false;

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        if (argumentTypes.Count != 3)
        {
            return null;
        }

        var type = Signatures.CommonType(argumentTypes, start: 1);
        if (type is null)
        {
            return null;
        }

        var test = argumentTypes[0].Kind == TypeKind.Null ? SqlType.String : argumentTypes[0];
        return Binding([test, type, type], type, (ReadOnlySpan<ColumnarValue> args, in KernelContext context) => Run(args, context, type));
    }

    private static ColumnarValue Run(ReadOnlySpan<ColumnarValue> args, in KernelContext context, SqlType type)
    {
        var rows = KernelArgs.Rows(args, context);
        var present = RowSelection.IsValid(args[0], rows);
        var choice = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            choice[i] = present[i] ? 0 : 1;
        }

        return KernelArgs.Wrap(RowSelection.Gather(type, args[1..], choice, rows), args, type);
    }
}
