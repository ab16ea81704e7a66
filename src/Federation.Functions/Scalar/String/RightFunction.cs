using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>RIGHT(text, n): the last n characters; all but the first |n| when n is negative.</summary>
public sealed class RightFunction : ScalarFunction
{
    public override string Name => "right";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => LeftRightKernel.Bind(this, argumentTypes, Kernel);

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        LeftRightKernel.Run(args, context, left: false);
}
