using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>UPPER(text): culture-invariant upper case.</summary>
public sealed class UpperFunction : ScalarFunction
{
    public override string Name => "upper";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 1 && Signatures.IsText(argumentTypes[0]) ? Binding([SqlType.String], SqlType.String, Kernel) : null;

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        MapKernels.MapUtf8(args, context, default(UpperOp));

    private readonly struct UpperOp : IUtf8Transform
    {
        public void Apply(ReadOnlySpan<byte> input, VariableWidthBuilder output) => CaseMapping.Upper(input, output);
    }
}
