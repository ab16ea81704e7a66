using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.Binary;

/// <summary>FROM_VARBYTE(varbyte, format): Redshift's text form of a binary value as hex, binary (0/1 digits), utf8 or base64.</summary>
public sealed class FromVarbyteFunction : ScalarFunction
{
    public override string Name => "from_varbyte";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 2 && BinarySignatures.IsBinary(argumentTypes[0]) && Signatures.IsText(argumentTypes[1])
            ? Binding([SqlType.Binary, SqlType.String], SqlType.String, Kernel)
            : null;

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        BytesKernel.Map(args, context, SqlType.String, default(Op));

    private readonly struct Op : IBytesTransform
    {
        public void Apply(ReadOnlySpan<byte> input, ReadOnlySpan<byte> format, VariableWidthBuilder output)
        {
            switch (VarbyteFormats.Parse(format, "from_varbyte"))
            {
                case VarbyteFormat.Hex:
                    ByteEncodings.AppendHex(input, output);
                    break;
                case VarbyteFormat.Bits:
                    ByteEncodings.AppendBits(input, output);
                    break;
                case VarbyteFormat.Utf8:
                    VarbyteFormats.AppendValidUtf8(input, output);
                    break;
                default:
                    ByteEncodings.AppendBase64(input, output, breakLines: false);
                    break;
            }
        }
    }
}
