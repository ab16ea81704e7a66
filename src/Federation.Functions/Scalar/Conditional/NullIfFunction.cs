using Federation.Common.Types;

namespace Federation.Functions.Scalar.Conditional;

/// <summary>NULLIF(a, b): NULL when a = b, otherwise a; both are compared (and the result given) in their common type.</summary>
public sealed class NullIfFunction : ScalarFunction
{
    public override string Name => "nullif";

    public override bool IsStrict => false;

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        if (argumentTypes.Count != 2)
        {
            return null;
        }

        var type = Signatures.CommonType(argumentTypes);
        if (type is null)
        {
            return null;
        }

        return Binding([type, type], type, (ReadOnlySpan<ColumnarValue> args, in KernelContext context) => Run(args, context, type));
    }

    private static ColumnarValue Run(ReadOnlySpan<ColumnarValue> args, in KernelContext context, SqlType type)
    {
        var rows = KernelArgs.Rows(args, context);
        var equal = new bool[rows];
        RowSelection.Equal(type, args[0], args[1], rows, equal, nullsMatch: false);
        var choice = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            choice[i] = equal[i] ? -1 : 0;
        }

        return KernelArgs.Wrap(RowSelection.Gather(type, args[..1], choice, rows), args, type);
    }
}
