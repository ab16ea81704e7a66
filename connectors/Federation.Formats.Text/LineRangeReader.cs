using System.Text.Unicode;
using Federation.Common;
using Federation.Physical.Files;

namespace Federation.Formats.Text;

/// <summary>
/// Checks the bytes of a part of a line-oriented object (read by <see cref="LineChunkReader"/>) are UTF-8 and names
/// its lines in messages, which name the object as "{kind} file", kind being the format's word ("text", "JSON").
/// </summary>
public static class LineRangeReader
{
    /// <summary>Fails naming the object, the byte offset and the line of the first byte that is not UTF-8 from <paramref name="begin"/> on.</summary>
    public static void CheckUtf8(byte[] data, int begin, string path, TextScanUnit unit, string kind) =>
        CheckUtf8(data, begin, data.Length, unit.Start == 0 ? 0 : unit.Start - 1, 1, path, unit, kind);

    /// <summary>
    /// Fails naming the object, the byte offset and the line of the first byte that is not UTF-8 in [begin, end) of a
    /// window whose first byte is at <paramref name="baseOffset"/> and whose record at begin is on <paramref name="firstLine"/>.
    /// </summary>
    public static void CheckUtf8(byte[] data, int begin, int end, long baseOffset, long firstLine, string path, TextScanUnit unit, string kind)
    {
        var span = data.AsSpan(begin, end - begin);
        if (Utf8.IsValid(span))
        {
            return;
        }

        var offset = 0;
        while (offset < span.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(span[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                break;
            }

            offset += consumed;
        }

        var line = span[..offset].Count((byte)'\n') + firstLine;
        throw new FederationException(ErrorCode.CorruptObject,
            $"cannot read {kind} file {path}: invalid UTF-8 at byte {baseOffset + begin + offset} ({Where(unit, line)})");
    }

    /// <summary>How a line of a part is named in messages.</summary>
    public static string Where(TextScanUnit unit, long line) =>
        unit.Start == 0 ? $"line {line}" : $"line {line} of the part from byte {unit.Start}";
}
