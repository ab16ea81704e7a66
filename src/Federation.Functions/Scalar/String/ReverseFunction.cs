using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>REVERSE(text): the characters in reverse order (multi-byte characters stay intact).</summary>
public sealed class ReverseFunction : ScalarFunction
{
    public override string Name => "reverse";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 1 && Signatures.IsText(argumentTypes[0]) ? Binding([SqlType.String], SqlType.String, Kernel) : null;

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        MapKernels.MapUtf8(args, context, default(ReverseOp));

    private readonly struct ReverseOp : IUtf8Transform
    {
        public void Apply(ReadOnlySpan<byte> input, VariableWidthBuilder output)
        {
            var target = output.Reserve(input.Length);
            var end = input.Length;
            var i = 0;
            while (i < input.Length)
            {
                var length = System.Math.Min(Utf8Text.SequenceLength(input[i]), input.Length - i);
                end -= length;
                input.Slice(i, length).CopyTo(target[end..]);
                i += length;
            }

            output.Commit(input.Length);
        }
    }
}
