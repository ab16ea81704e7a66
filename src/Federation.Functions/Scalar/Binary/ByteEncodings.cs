using System.Buffers.Text;
using Federation.Common;
using Federation.Common.Arrow;

namespace Federation.Functions.Scalar.Binary;

/// <summary>
/// The textual forms of binary values, as PostgreSQL's encode/decode and Redshift's TO_VARBYTE/FROM_VARBYTE spell
/// them: hex, base64 (PostgreSQL breaks encoded lines every 76 characters), PostgreSQL's escape form (backslash and
/// octal escapes) and Redshift's binary form (eight 0/1 digits a byte).
/// </summary>
internal static class ByteEncodings
{
    /// <summary>PostgreSQL's encode(..., 'base64') ends a line after this many characters.</summary>
    private const int Base64LineLength = 76;

    public static void AppendHex(ReadOnlySpan<byte> input, VariableWidthBuilder output)
    {
        var target = output.Reserve(input.Length * 2);
        for (var i = 0; i < input.Length; i++)
        {
            target[2 * i] = HexDigit(input[i] >> 4);
            target[(2 * i) + 1] = HexDigit(input[i] & 0xF);
        }

        output.Commit(input.Length * 2);
    }

    /// <summary>Hex digits to bytes; whitespace between pairs is skipped, as PostgreSQL's decode does.</summary>
    public static void AppendFromHex(ReadOnlySpan<byte> input, VariableWidthBuilder output, bool skipWhitespace)
    {
        var target = output.Reserve((input.Length / 2) + 1);
        var written = 0;
        var i = 0;
        while (i < input.Length)
        {
            if (skipWhitespace && IsWhitespace(input[i]))
            {
                i++;
                continue;
            }

            var high = HexValue(input[i]);
            if (i + 1 >= input.Length)
            {
                throw new FederationException(ErrorCode.InvalidArgument, "invalid hexadecimal data: odd number of digits");
            }

            var low = HexValue(input[i + 1]);
            target[written++] = (byte)((high << 4) | low);
            i += 2;
        }

        output.Commit(written);
    }

    public static void AppendBase64(ReadOnlySpan<byte> input, VariableWidthBuilder output, bool breakLines)
    {
        var encoded = Base64.GetMaxEncodedToUtf8Length(input.Length);
        var target = output.Reserve(encoded + (encoded / Base64LineLength) + 1);
        if (!breakLines)
        {
            Base64.EncodeToUtf8(input, target, out _, out var written);
            output.Commit(written);
            return;
        }

        // 57 input bytes make one 76-character line.
        const int bytesPerLine = Base64LineLength / 4 * 3;
        var total = 0;
        for (var start = 0; start < input.Length; start += bytesPerLine)
        {
            if (start > 0)
            {
                target[total++] = (byte)'\n';
            }

            var chunk = input.Slice(start, System.Math.Min(bytesPerLine, input.Length - start));
            Base64.EncodeToUtf8(chunk, target[total..], out _, out var written);
            total += written;
        }

        output.Commit(total);
    }

    /// <summary>Base64 to bytes; whitespace (line breaks included) is skipped, as PostgreSQL's decode does.</summary>
    public static void AppendFromBase64(ReadOnlySpan<byte> input, VariableWidthBuilder output)
    {
        Span<byte> clean = input.Length <= 1024 ? stackalloc byte[input.Length] : new byte[input.Length];
        var length = 0;
        var padding = 0;
        foreach (var b in input)
        {
            if (IsWhitespace(b))
            {
                continue;
            }

            if (b == '=')
            {
                padding++;
            }
            else if (padding > 0 || !IsBase64Symbol(b))
            {
                throw padding > 0
                    ? new FederationException(ErrorCode.InvalidArgument, "invalid base64 end sequence")
                    : new FederationException(ErrorCode.InvalidArgument, $"invalid symbol \"{(char)b}\" found while decoding base64 sequence");
            }

            clean[length++] = b;
        }

        if (length % 4 != 0 || padding > 2)
        {
            throw new FederationException(ErrorCode.InvalidArgument, "invalid base64 end sequence");
        }

        var target = output.Reserve(Base64.GetMaxDecodedFromUtf8Length(length));
        Base64.DecodeFromUtf8(clean[..length], target, out _, out var written);
        output.Commit(written);
    }

    /// <summary>PostgreSQL's escape form: NUL and bytes with the high bit set as \ooo, a backslash doubled.</summary>
    public static void AppendEscape(ReadOnlySpan<byte> input, VariableWidthBuilder output)
    {
        var target = output.Reserve(input.Length * 4);
        var written = 0;
        foreach (var b in input)
        {
            if (b == 0 || b >= 0x80)
            {
                target[written++] = (byte)'\\';
                target[written++] = (byte)('0' + (b >> 6));
                target[written++] = (byte)('0' + ((b >> 3) & 7));
                target[written++] = (byte)('0' + (b & 7));
            }
            else if (b == '\\')
            {
                target[written++] = (byte)'\\';
                target[written++] = (byte)'\\';
            }
            else
            {
                target[written++] = b;
            }
        }

        output.Commit(written);
    }

    public static void AppendFromEscape(ReadOnlySpan<byte> input, VariableWidthBuilder output)
    {
        var target = output.Reserve(input.Length);
        var written = 0;
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] != '\\')
            {
                target[written++] = input[i];
            }
            else if (i + 1 < input.Length && input[i + 1] == '\\')
            {
                target[written++] = (byte)'\\';
                i++;
            }
            else if (i + 3 < input.Length && IsOctal(input[i + 1], '3') && IsOctal(input[i + 2], '7') && IsOctal(input[i + 3], '7'))
            {
                target[written++] = (byte)(((input[i + 1] - '0') << 6) | ((input[i + 2] - '0') << 3) | (input[i + 3] - '0'));
                i += 3;
            }
            else
            {
                throw new FederationException(ErrorCode.InvalidArgument, "invalid input syntax for type bytea");
            }
        }

        output.Commit(written);
    }

    /// <summary>Redshift's binary form: each byte as eight 0/1 digits, most significant first.</summary>
    public static void AppendBits(ReadOnlySpan<byte> input, VariableWidthBuilder output)
    {
        var target = output.Reserve(input.Length * 8);
        for (var i = 0; i < input.Length; i++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                target[(8 * i) + bit] = (byte)((input[i] >> (7 - bit)) & 1) == 1 ? (byte)'1' : (byte)'0';
            }
        }

        output.Commit(input.Length * 8);
    }

    /// <summary>0/1 digits to bytes; a count that is not a multiple of eight is padded with leading zeros.</summary>
    public static void AppendFromBits(ReadOnlySpan<byte> input, VariableWidthBuilder output)
    {
        var bytes = (input.Length + 7) / 8;
        var target = output.Reserve(bytes);
        target[..bytes].Clear();
        var offset = (bytes * 8) - input.Length;
        for (var i = 0; i < input.Length; i++)
        {
            var position = offset + i;
            switch (input[i])
            {
                case (byte)'1':
                    target[position / 8] |= (byte)(1 << (7 - (position % 8)));
                    break;
                case (byte)'0':
                    break;
                default:
                    throw new FederationException(ErrorCode.InvalidArgument, $"invalid binary digit: \"{(char)input[i]}\"");
            }
        }

        output.Commit(bytes);
    }

    private static byte HexDigit(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => throw new FederationException(ErrorCode.InvalidArgument, $"invalid hexadecimal digit: \"{(char)b}\""),
    };

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t';

    private static bool IsBase64Symbol(byte b) => b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9' or (byte)'+' or (byte)'/';

    private static bool IsOctal(byte b, char max) => b >= '0' && b <= max;
}
