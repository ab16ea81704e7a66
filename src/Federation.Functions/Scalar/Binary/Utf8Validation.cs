using System.Text;
using System.Text.Unicode;
using Federation.Common;

namespace Federation.Functions.Scalar.Binary;

/// <summary>Checks that bytes are UTF-8, failing with PostgreSQL's message that shows the offending sequence.</summary>
internal static class Utf8Validation
{
    public static void Check(ReadOnlySpan<byte> input)
    {
        if (Utf8.IsValid(input))
        {
            return;
        }

        var offset = 0;
        while (offset < input.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(input[offset..], out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                throw Invalid(input[offset..]);
            }

            offset += consumed;
        }
    }

    /// <summary>PostgreSQL shows as many bytes as the first byte announces (at least one), in hex.</summary>
    private static FederationException Invalid(ReadOnlySpan<byte> rest)
    {
        var lead = rest[0];
        var announced = lead switch
        {
            >= 0xF0 and < 0xF8 => 4,
            >= 0xE0 => 3,
            >= 0xC0 => 2,
            _ => 1,
        };
        if (lead >= 0xF8)
        {
            announced = 1;
        }

        var shown = new StringBuilder();
        for (var i = 0; i < System.Math.Min(announced, rest.Length); i++)
        {
            shown.Append(i == 0 ? "0x" : " 0x").Append(rest[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return new FederationException(ErrorCode.InvalidArgument, $"invalid byte sequence for encoding \"UTF8\": {shown}");
    }
}
