using System.Buffers;
using System.Text;
using Federation.Common.Arrow;

namespace Federation.Functions.Scalar.String;

/// <summary>
/// Culture-invariant case conversion of UTF-8 text: ASCII is converted byte by byte; other text is decoded to
/// UTF-16, converted with the invariant (full Unicode simple case mapping) rules and re-encoded, since the
/// byte length may change (K → k).
/// </summary>
internal static class CaseMapping
{
    public static void Lower(ReadOnlySpan<byte> input, VariableWidthBuilder output)
    {
        var target = output.Reserve(input.Length);
        if (Ascii.ToLower(input, target, out var written) == OperationStatus.Done)
        {
            output.Commit(written);
            return;
        }

        Convert(input, output, upper: false);
    }

    public static void Upper(ReadOnlySpan<byte> input, VariableWidthBuilder output)
    {
        var target = output.Reserve(input.Length);
        if (Ascii.ToUpper(input, target, out var written) == OperationStatus.Done)
        {
            output.Commit(written);
            return;
        }

        Convert(input, output, upper: true);
    }

    private static void Convert(ReadOnlySpan<byte> input, VariableWidthBuilder output, bool upper)
    {
        var chars = ArrayPool<char>.Shared.Rent(input.Length);
        var converted = ArrayPool<char>.Shared.Rent(input.Length);
        try
        {
            var count = Encoding.UTF8.GetChars(input, chars);
            var source = chars.AsSpan(0, count);
            var destination = converted.AsSpan(0, count);
            if (upper)
            {
                source.ToUpperInvariant(destination);
            }
            else
            {
                source.ToLowerInvariant(destination);
            }

            var target = output.Reserve(Encoding.UTF8.GetMaxByteCount(count));
            output.Commit(Encoding.UTF8.GetBytes(destination, target));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            ArrayPool<char>.Shared.Return(converted);
        }
    }
}
