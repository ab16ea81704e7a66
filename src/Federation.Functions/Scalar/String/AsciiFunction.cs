using System.Text;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>ASCII(text): the code point of the first character; 0 for ''.</summary>
public sealed class AsciiFunction : ScalarFunction
{
    public override string Name => "ascii";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 1 && Signatures.IsText(argumentTypes[0]) ? Binding([SqlType.String], SqlType.Int32, Kernel) : null;

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        MapKernels.MeasureUtf8<int, FirstCodePointOp>(args, context, SqlType.Int32, default);

    private readonly struct FirstCodePointOp : IUtf8Measure<int>
    {
        public int Apply(ReadOnlySpan<byte> input)
        {
            if (input.IsEmpty)
            {
                return 0;
            }

            if (input[0] < 0x80)
            {
                return input[0];
            }

            Rune.DecodeFromUtf8(input, out var rune, out _);
            return rune.Value;
        }
    }
}
