using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>
/// QUOTE_LITERAL(text): the text as a SQL string literal: quotes and backslashes doubled, with an E prefix when
/// the text contains a backslash (PostgreSQL).
/// </summary>
public sealed class QuoteLiteralFunction : ScalarFunction
{
    public override string Name => "quote_literal";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 1 && Signatures.IsText(argumentTypes[0]) ? Binding([SqlType.String], SqlType.String, Kernel) : null;

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        MapKernels.MapUtf8(args, context, default(QuoteOp));

    private readonly struct QuoteOp : IUtf8Transform
    {
        public void Apply(ReadOnlySpan<byte> input, VariableWidthBuilder output)
        {
            var target = output.Reserve((input.Length * 2) + 3);
            var written = 0;
            if (input.Contains((byte)'\\'))
            {
                target[written++] = (byte)'E';
            }

            target[written++] = (byte)'\'';
            foreach (var b in input)
            {
                if (b is (byte)'\'' or (byte)'\\')
                {
                    target[written++] = b;
                }

                target[written++] = b;
            }

            target[written++] = (byte)'\'';
            output.Commit(written);
        }
    }
}
