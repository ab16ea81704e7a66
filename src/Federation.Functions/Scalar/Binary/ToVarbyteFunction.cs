using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.Binary;

/// <summary>TO_VARBYTE(text, format): Redshift's conversion of hex, binary (0/1 digits), utf8 or base64 text to a binary value.</summary>
public sealed class ToVarbyteFunction : ScalarFunction
{
    public override string Name => "to_varbyte";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 2 && Signatures.IsText(argumentTypes[0]) && Signatures.IsText(argumentTypes[1])
            ? Binding([SqlType.String, SqlType.String], SqlType.Binary, Kernel)
            : null;

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        BytesKernel.Map(args, context, SqlType.Binary, default(Op));

    private readonly struct Op : IBytesTransform
    {
        public void Apply(ReadOnlySpan<byte> input, ReadOnlySpan<byte> format, VariableWidthBuilder output)
        {
            switch (VarbyteFormats.Parse(format, "to_varbyte"))
            {
                case VarbyteFormat.Hex:
                    ByteEncodings.AppendFromHex(input, output, skipWhitespace: false);
                    break;
                case VarbyteFormat.Bits:
                    ByteEncodings.AppendFromBits(input, output);
                    break;
                case VarbyteFormat.Utf8:
                    output.Append(input);
                    break;
                default:
                    ByteEncodings.AppendFromBase64(input, output);
                    break;
            }
        }
    }
}
