using Federation.Common;

namespace Federation.Formats.Avro;

/// <summary>
/// Bytes the decoder cannot read (truncated, a bad union index, a bad length) or a value that does not fit its column;
/// the scan adds the object and block.
/// </summary>
internal sealed class AvroFormatException(string reason, ErrorCode code = ErrorCode.CorruptObject) : Exception(reason)
{
    public ErrorCode Code { get; } = code;
}
