using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>CHARINDEX(substring, string) (Redshift): 1-based position of the substring, 0 when absent.</summary>
public sealed class CharindexFunction : ScalarFunction
{
    public override string Name => "charindex";

    public override string SignatureHint => "charindex(substring text, string text)";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => PositionKernel.Bind(this, argumentTypes, Kernel);

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        PositionKernel.Run(args, context, haystackIndex: 1, needleIndex: 0);
}
