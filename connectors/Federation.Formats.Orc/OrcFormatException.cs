using Federation.Common;

namespace Federation.Formats.Orc;

/// <summary>
/// Bytes the reader cannot decode (a bad chunk header, a run that overruns its stream, a missing stream), a codec or
/// type it does not read, or a value that does not fit its column; the scan adds the object (and stripe) it was in.
/// </summary>
internal sealed class OrcFormatException(string reason, ErrorCode code = ErrorCode.CorruptObject) : Exception(reason)
{
    public ErrorCode Code { get; } = code;
}
