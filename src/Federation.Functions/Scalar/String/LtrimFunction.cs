using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>LTRIM(text [, characters]) removes the characters (default: spaces) from the start.</summary>
public sealed class LtrimFunction : ScalarFunction
{
    public override string Name => "ltrim";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => TrimKernel.Bind(this, argumentTypes, Kernel);

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        TrimKernel.Run(args, context, left: true, right: false);
}
