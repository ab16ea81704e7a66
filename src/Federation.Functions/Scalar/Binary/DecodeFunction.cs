using System.Text;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.Binary;

/// <summary>
/// DECODE(text, format): the binary value a 'hex', 'base64' or 'escape' text spells, as PostgreSQL reads them. Not
/// registered itself: Redshift's conditional DECODE has the name, and binds its two-argument calls here.
/// </summary>
public sealed class DecodeFunction : ScalarFunction
{
    public override string Name => "decode";

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
            if (BytesKernel.Is(format, "hex"u8))
            {
                ByteEncodings.AppendFromHex(input, output, skipWhitespace: true);
            }
            else if (BytesKernel.Is(format, "base64"u8))
            {
                ByteEncodings.AppendFromBase64(input, output);
            }
            else if (BytesKernel.Is(format, "escape"u8))
            {
                ByteEncodings.AppendFromEscape(input, output);
            }
            else
            {
                throw new FederationException(ErrorCode.InvalidArgument, $"unrecognized encoding: \"{Encoding.UTF8.GetString(format)}\"");
            }
        }
    }
}
