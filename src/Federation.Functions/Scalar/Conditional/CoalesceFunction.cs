using Federation.Common.Types;

namespace Federation.Functions.Scalar.Conditional;

/// <summary>COALESCE/NVL(value, ...): the first non-NULL argument, in the arguments' common type.</summary>
public sealed class CoalesceFunction : ScalarFunction
{
    public override string Name => "coalesce";

    public override IReadOnlyList<string> Aliases => ["nvl"];

    public override bool IsStrict => false;

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        if (argumentTypes.Count == 0)
        {
            return null;
        }

        var type = Signatures.CommonType(argumentTypes);
        if (type is null)
        {
            return null;
        }

        return Binding(Signatures.Repeat(type, argumentTypes.Count), type,
            (ReadOnlySpan<ColumnarValue> args, in KernelContext context) => Run(args, context, type));
    }

    private static ColumnarValue Run(ReadOnlySpan<ColumnarValue> args, in KernelContext context, SqlType type)
    {
        // A leading argument without NULLs is the answer as it is.
        var first = args[0];
        if (first.IsScalar ? !first.Scalar!.IsNull : !Federation.Common.Arrow.Validity.HasNulls(first.Array!))
        {
            return first;
        }

        var rows = KernelArgs.Rows(args, context);
        var choice = RowSelection.FirstValid(args, rows);
        return KernelArgs.Wrap(RowSelection.Gather(type, args, choice, rows), args, type);
    }
}
