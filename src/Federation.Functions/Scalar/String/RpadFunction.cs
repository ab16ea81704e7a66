using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>RPAD(text, length [, fill]): pads on the right with the fill (default a space) to length characters.</summary>
public sealed class RpadFunction : ScalarFunction
{
    public override string Name => "rpad";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => PadKernel.Bind(this, argumentTypes, Kernel);

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        PadKernel.Run(args, context, left: false);
}
