using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>LOWER(text): culture-invariant lower case.</summary>
public sealed class LowerFunction : ScalarFunction
{
    public override string Name => "lower";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 1 && Signatures.IsText(argumentTypes[0]) ? Binding([SqlType.String], SqlType.String, Kernel) : null;

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        MapKernels.MapUtf8(args, context, default(LowerOp));

    private readonly struct LowerOp : IUtf8Transform
    {
        public void Apply(ReadOnlySpan<byte> input, VariableWidthBuilder output) => CaseMapping.Lower(input, output);
    }
}
