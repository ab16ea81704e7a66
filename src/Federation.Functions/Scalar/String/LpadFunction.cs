using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>LPAD(text, length [, fill]): pads on the left with the fill (default a space) to length characters.</summary>
public sealed class LpadFunction : ScalarFunction
{
    public override string Name => "lpad";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => PadKernel.Bind(this, argumentTypes, Kernel);

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        PadKernel.Run(args, context, left: true);
}
