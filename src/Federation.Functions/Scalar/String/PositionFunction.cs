using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>POSITION(substring IN string), normalised by the parser to position(substring, string).</summary>
public sealed class PositionFunction : ScalarFunction
{
    public override string Name => "position";

    public override string SignatureHint => "position(substring text, string text)";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => PositionKernel.Bind(this, argumentTypes, Kernel);

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        PositionKernel.Run(args, context, haystackIndex: 1, needleIndex: 0);
}
