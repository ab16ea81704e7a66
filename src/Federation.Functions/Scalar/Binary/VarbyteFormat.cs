using System.Text;
using Federation.Common;
using Federation.Common.Arrow;

namespace Federation.Functions.Scalar.Binary;

/// <summary>The formats of Redshift's TO_VARBYTE and FROM_VARBYTE: hex, binary, utf8 (utf-8) and base64.</summary>
internal enum VarbyteFormat
{
    Hex,
    Bits,
    Utf8,
    Base64,
}

internal static class VarbyteFormats
{
    public static VarbyteFormat Parse(ReadOnlySpan<byte> name, string function)
    {
        if (BytesKernel.Is(name, "hex"u8))
        {
            return VarbyteFormat.Hex;
        }

        if (BytesKernel.Is(name, "binary"u8))
        {
            return VarbyteFormat.Bits;
        }

        if (BytesKernel.Is(name, "utf8"u8) || BytesKernel.Is(name, "utf-8"u8))
        {
            return VarbyteFormat.Utf8;
        }

        if (BytesKernel.Is(name, "base64"u8))
        {
            return VarbyteFormat.Base64;
        }

        throw new FederationException(ErrorCode.InvalidArgument,
            $"{function}: unrecognized format \"{Encoding.UTF8.GetString(name)}\" (expected hex, binary, utf8, utf-8 or base64)");
    }

    /// <summary>Appends UTF-8 text as it is, failing on bytes that are not UTF-8 as PostgreSQL's conversions do.</summary>
    public static void AppendValidUtf8(ReadOnlySpan<byte> input, VariableWidthBuilder output)
    {
        Utf8Validation.Check(input);
        output.Append(input);
    }
}
