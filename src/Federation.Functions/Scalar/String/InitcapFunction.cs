using System.Text;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>
/// INITCAP(text): the first letter of each word in upper case, the rest in lower case; words are runs of
/// letters and digits (PostgreSQL's isalnum rule).
/// </summary>
public sealed class InitcapFunction : ScalarFunction
{
    public override string Name => "initcap";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 1 && Signatures.IsText(argumentTypes[0]) ? Binding([SqlType.String], SqlType.String, Kernel) : null;

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        MapKernels.MapUtf8(args, context, default(InitcapOp));

    private readonly struct InitcapOp : IUtf8Transform
    {
        public void Apply(ReadOnlySpan<byte> input, VariableWidthBuilder output)
        {
            // Case mapping can grow a character from 2 to 3 bytes at most.
            var target = output.Reserve(input.Length * 3 / 2 + 4);
            var written = 0;
            var inWord = false;
            var i = 0;
            while (i < input.Length)
            {
                var b = input[i];
                if (b < 0x80)
                {
                    var isAlnum = char.IsAsciiLetterOrDigit((char)b);
                    target[written++] = isAlnum
                        ? (byte)(inWord ? char.ToLowerInvariant((char)b) : char.ToUpperInvariant((char)b))
                        : b;
                    inWord = isAlnum;
                    i++;
                    continue;
                }

                Rune.DecodeFromUtf8(input[i..], out var rune, out var consumed);
                var isWordChar = Rune.IsLetterOrDigit(rune);
                var mapped = isWordChar ? (inWord ? Rune.ToLowerInvariant(rune) : Rune.ToUpperInvariant(rune)) : rune;
                written += mapped.EncodeToUtf8(target[written..]);
                inWord = isWordChar;
                i += System.Math.Max(consumed, 1);
            }

            output.Commit(written);
        }
    }
}
