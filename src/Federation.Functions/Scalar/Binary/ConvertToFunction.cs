using System.Globalization;
using System.Text;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.Binary;

/// <summary>CONVERT_TO(text, encoding): the bytes of a text in UTF8 or LATIN1, as PostgreSQL converts it.</summary>
public sealed class ConvertToFunction : ScalarFunction
{
    public override string Name => "convert_to";

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
            if (TextEncodingName.Parse(format, source: false) == TextEncoding.Utf8)
            {
                output.Append(input);
                return;
            }

            var target = output.Reserve(input.Length);
            var written = 0;
            var offset = 0;
            while (offset < input.Length)
            {
                Rune.DecodeFromUtf8(input[offset..], out var rune, out var consumed);
                if (rune.Value > 0xFF)
                {
                    throw new FederationException(ErrorCode.InvalidArgument,
                        $"character with byte sequence {ByteList(input.Slice(offset, consumed))} in encoding \"UTF8\" has no equivalent in encoding \"LATIN1\"");
                }

                target[written++] = (byte)rune.Value;
                offset += consumed;
            }

            output.Commit(written);
        }

        private static string ByteList(ReadOnlySpan<byte> bytes)
        {
            var text = new StringBuilder();
            foreach (var b in bytes)
            {
                text.Append(text.Length == 0 ? "0x" : " 0x").Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }

            return text.ToString();
        }
    }
}
