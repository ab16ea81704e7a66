using System.Text.Unicode;
using Federation.Common;
using Federation.Physical.Files;

namespace Federation.Formats.Text;

/// <summary>
/// Fetches what one part of a line-oriented object holds (<see cref="TextScanUnit"/>): the whole object, decompressed
/// by its extension, or a byte range and the tail of its last record, and checks it is UTF-8. Messages name the
/// object as "{kind} file", kind being the format's word ("text", "JSON").
/// </summary>
public static class LineRangeReader
{
    /// <summary>Bytes fetched beyond a part's end at a time, looking for the line break that ends its last record.</summary>
    private const int OverreadBytes = 64 * 1024;

    /// <summary>
    /// The bytes to decode, where the first record of this part starts in them, and the position before which a
    /// record must start to be this part's.
    /// </summary>
    public static async Task<(byte[] Data, int Begin, int OwnEnd)> ReadAsync(PartitionedFile file, TextScanUnit unit, string kind, CancellationToken cancellationToken)
    {
        var meta = file.Meta;
        var path = $"{file.Store.Url}/{meta.Key}";
        if (unit.End is null && unit.Start == 0)
        {
            if (meta.Size > int.MaxValue)
            {
                throw new FederationException(ErrorCode.NotSupported, $"cannot read {kind} file {path}: it is {meta.Size} bytes, and a compressed object over 2 GiB cannot be read yet");
            }

            var whole = new byte[meta.Size];
            await file.Store.ReadAsync(meta.Key, 0, whole, meta.ETag, cancellationToken).ConfigureAwait(false);
            var text = TextCompression.Decompress(meta.Key, whole, path);
            return (text, 0, text.Length);
        }

        // From the byte before the part (is a line break there?) to its end, then on until the line break that ends its last record.
        var from = unit.Start == 0 ? 0 : unit.Start - 1;
        var end = unit.End ?? meta.Size;
        var buffer = new byte[(int)(end - from)];
        await file.Store.ReadAsync(meta.Key, from, buffer, meta.ETag, cancellationToken).ConfigureAwait(false);
        var length = buffer.Length;
        var ownEnd = (int)(end - from);
        // The last record of the part ends at the first line break at or past its last byte.
        while (from + length < meta.Size && buffer.AsSpan(ownEnd - 1, length - ownEnd + 1).IndexOf((byte)'\n') < 0)
        {
            var more = (int)Math.Min(OverreadBytes, meta.Size - (from + length));
            System.Array.Resize(ref buffer, length + more);
            await file.Store.ReadAsync(meta.Key, from + length, buffer.AsMemory(length, more), meta.ETag, cancellationToken).ConfigureAwait(false);
            length += more;
        }

        int begin;
        if (unit.Start == 0)
        {
            begin = 0;
        }
        else
        {
            var cut = buffer.AsSpan(0, length).IndexOf((byte)'\n');
            begin = cut < 0 ? length : cut + 1;
        }

        return (buffer, begin, ownEnd);
    }

    /// <summary>Fails naming the object, the byte offset and the line of the first byte that is not UTF-8 from <paramref name="begin"/> on.</summary>
    public static void CheckUtf8(byte[] data, int begin, string path, TextScanUnit unit, string kind)
    {
        var span = data.AsSpan(begin);
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

        var line = span[..offset].Count((byte)'\n') + 1;
        throw new FederationException(ErrorCode.CorruptObject,
            $"cannot read {kind} file {path}: invalid UTF-8 at byte {unit.Start + begin + offset - (unit.Start == 0 ? 0 : 1)} ({Where(unit, line)})");
    }

    /// <summary>How a line of a part is named in messages.</summary>
    public static string Where(TextScanUnit unit, long line) =>
        unit.Start == 0 ? $"line {line}" : $"line {line} of the part from byte {unit.Start}";
}
