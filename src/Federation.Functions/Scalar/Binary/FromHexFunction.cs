using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.Binary;

/// <summary>FROM_HEX(text): Redshift's binary value of a string of hex digit pairs.</summary>
public sealed class FromHexFunction : ScalarFunction
{
    public override string Name => "from_hex";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 1 && Signatures.IsText(argumentTypes[0]) ? Binding([SqlType.String], SqlType.Binary, Kernel) : null;

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        BytesKernel.Map(args, context, SqlType.Binary, default(Op));

    private readonly struct Op : IBytesTransform
    {
        public void Apply(ReadOnlySpan<byte> input, ReadOnlySpan<byte> format, VariableWidthBuilder output) =>
            ByteEncodings.AppendFromHex(input, output, skipWhitespace: false);
    }
}
