using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.Binary;

/// <summary>CONVERT_FROM(bytea, encoding): the text a binary value holds in UTF8 or LATIN1, as PostgreSQL converts it.</summary>
public sealed class ConvertFromFunction : ScalarFunction
{
    public override string Name => "convert_from";

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
            if (TextEncodingName.Parse(format, source: true) == TextEncoding.Utf8)
            {
                VarbyteFormats.AppendValidUtf8(input, output);
                return;
            }

            // LATIN1: each byte is the code point of the same number.
            var target = output.Reserve(input.Length * 2);
            var written = 0;
            foreach (var b in input)
            {
                if (b < 0x80)
                {
                    target[written++] = b;
                }
                else
                {
                    target[written++] = (byte)(0xC0 | (b >> 6));
                    target[written++] = (byte)(0x80 | (b & 0x3F));
                }
            }

            output.Commit(written);
        }
    }
}
