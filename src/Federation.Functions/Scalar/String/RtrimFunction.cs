using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>RTRIM(text [, characters]) removes the characters (default: spaces) from the end.</summary>
public sealed class RtrimFunction : ScalarFunction
{
    public override string Name => "rtrim";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => TrimKernel.Bind(this, argumentTypes, Kernel);

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        TrimKernel.Run(args, context, left: false, right: true);
}
