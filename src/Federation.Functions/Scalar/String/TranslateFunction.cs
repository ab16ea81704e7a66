using System.Text;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>
/// TRANSLATE(text, from, to): each character found in <c>from</c> becomes the character at the same position in
/// <c>to</c>, or is deleted when <c>to</c> is shorter; the first occurrence in <c>from</c> wins.
/// </summary>
public sealed class TranslateFunction : ScalarFunction
{
    public override string Name => "translate";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 3 && Signatures.AllText(argumentTypes)
            ? Binding([SqlType.String, SqlType.String, SqlType.String], SqlType.String, Kernel)
            : null;

    private static ColumnarValue Kernel(ReadOnlySpan<ColumnarValue> args, in KernelContext context)
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(SqlType.String, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var text = new Utf8Arg(args[0]);
        var from = new Utf8Arg(args[1]);
        var to = new Utf8Arg(args[2]);
        var validity = KernelArgs.Validity(args, rows);
        var output = VariableWidthBuilder.Utf8(rows, text.DataLength);
        var constantMap = args[1].IsScalar && args[2].IsScalar ? Mapping.Of(from[0], to[0]) : null;
        for (var i = 0; i < rows; i++)
        {
            if (validity is not null && !Bitmap.Get(validity, i))
            {
                output.AppendNull();
                continue;
            }

            var map = constantMap ?? Mapping.Of(from[i], to[i]);
            var value = text[i];
            var target = output.Reserve(value.Length * 4);
            var written = 0;
            while (!value.IsEmpty)
            {
                Rune.DecodeFromUtf8(value, out var rune, out var consumed);
                consumed = System.Math.Max(consumed, 1);
                var index = Array.IndexOf(map.From, rune.Value);
                if (index < 0)
                {
                    value[..consumed].CopyTo(target[written..]);
                    written += consumed;
                }
                else if (index < map.To.Length)
                {
                    written += new Rune(map.To[index]).EncodeToUtf8(target[written..]);
                }

                value = value[consumed..];
            }

            output.Commit(written);
        }

        return KernelArgs.Wrap(output.Build(), args, SqlType.String);
    }

    private sealed class Mapping
    {
        private Mapping(int[] from, int[] to)
        {
            From = from;
            To = to;
        }

        public int[] From { get; }

        public int[] To { get; }

        public static Mapping Of(ReadOnlySpan<byte> from, ReadOnlySpan<byte> to) => new(CodePoints(from), CodePoints(to));

        private static int[] CodePoints(ReadOnlySpan<byte> text)
        {
            var result = new List<int>(text.Length);
            while (!text.IsEmpty)
            {
                Rune.DecodeFromUtf8(text, out var rune, out var consumed);
                result.Add(rune.Value);
                text = text[System.Math.Max(consumed, 1)..];
            }

            return result.ToArray();
        }
    }
}
