using System.Text;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.Binary;

/// <summary>ENCODE(bytea, format): the binary value as text in 'hex', 'base64' or 'escape' form, as PostgreSQL writes them.</summary>
public sealed class EncodeFunction : ScalarFunction
{
    public override string Name => "encode";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 2 && BinarySignatures.IsBinaryOrText(argumentTypes[0]) && Signatures.IsText(argumentTypes[1])
            ? Binding([SqlType.Binary, SqlType.String], SqlType.String, Kernel)
            : null;

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        BytesKernel.Map(args, context, SqlType.String, default(Op));

    private readonly struct Op : IBytesTransform
    {
        public void Apply(ReadOnlySpan<byte> input, ReadOnlySpan<byte> format, VariableWidthBuilder output)
        {
            if (BytesKernel.Is(format, "hex"u8))
            {
                ByteEncodings.AppendHex(input, output);
            }
            else if (BytesKernel.Is(format, "base64"u8))
            {
                ByteEncodings.AppendBase64(input, output, breakLines: true);
            }
            else if (BytesKernel.Is(format, "escape"u8))
            {
                ByteEncodings.AppendEscape(input, output);
            }
            else
            {
                throw new FederationException(ErrorCode.InvalidArgument, $"unrecognized encoding: \"{Encoding.UTF8.GetString(format)}\"");
            }
        }
    }
}
