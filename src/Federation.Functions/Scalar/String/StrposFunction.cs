using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>STRPOS(string, substring): 1-based position of the substring, 0 when absent.</summary>
public sealed class StrposFunction : ScalarFunction
{
    public override string Name => "strpos";

    public override string SignatureHint => "strpos(string text, substring text)";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => PositionKernel.Bind(this, argumentTypes, Kernel);

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        PositionKernel.Run(args, context, haystackIndex: 0, needleIndex: 1);
}
