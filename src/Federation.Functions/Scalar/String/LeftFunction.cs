using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>LEFT(text, n): the first n characters; all but the last |n| when n is negative.</summary>
public sealed class LeftFunction : ScalarFunction
{
    public override string Name => "left";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => LeftRightKernel.Bind(this, argumentTypes, Kernel);

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        LeftRightKernel.Run(args, context, left: true);
}
