using System.Runtime.CompilerServices;
using Federation.Common;
using Federation.Physical.Files;

namespace Federation.Formats.Text;

/// <summary>
/// Reads one part of a line-oriented object (<see cref="TextScanUnit"/>) as a sequence of windows of whole records,
/// each about <c>chunkBytes</c> long, so the memory a scan holds is bounded by the window and not by the object (or
/// by 2 GiB, an array's limit): the object's bytes come by ranged reads of at most chunkBytes
/// (<see cref="ObjectRangeStream"/>), through a decompressing stream when its name says it is compressed. A window
/// ends after its last whole record (a CSV record's end found quote-aware); what follows is carried into the next. A
/// record longer than a window grows the window until it holds the record. A byte-range part (one of several of an
/// uncompressed object) starts after the first line break at or past Start - 1 and reads on past End only until the
/// line break that ends its last record, as before.
/// </summary>
public static class LineChunkReader
{
    /// <summary>The default window (and ranged read) size.</summary>
    public const int DefaultChunkBytes = 8 << 20;

    /// <summary>Bytes fetched beyond a part's end at a time, looking for the line break that ends its last record.</summary>
    private const int OverreadBytes = 64 * 1024;

    /// <param name="csv">The layout when records are CSV (quoted fields may hold line breaks); null for lines.</param>
    public static async IAsyncEnumerable<TextChunk> ReadAsync(PartitionedFile file, TextScanUnit unit, string kind, int chunkBytes, byte lineDelimiter,
        TextLayout? csv, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        var meta = file.Meta;
        var path = $"{file.Store.Url}/{meta.Key}";
        var from = unit.Start == 0 ? 0 : unit.Start - 1;
        // Only a part that is the whole object can be compressed: compressed objects are never split.
        var codec = unit.End is null && unit.Start == 0 ? TextCompression.CodecName(meta.Key) : null;
        var raw = new ObjectRangeStream(file.Store, meta.Key, meta.ETag, from, meta.Size, chunkBytes, buffered: codec is not null);
        await using var stream = codec is null ? raw : Guard(() => TextCompression.OpenDecompressing(meta.Key, raw), codec, kind, path);
        var baseOffset = from;
        var first = true;
        byte[] previous = [];
        var carryStart = 0;
        var carryLength = 0;
        var eof = false;
        while (true)
        {
            var data = new byte[carryLength + chunkBytes];
            previous.AsSpan(carryStart, carryLength).CopyTo(data);
            var length = carryLength;
            int begin, ownEnd, validEnd;
            bool last;
            while (true)
            {
                var target = data.Length;
                if (unit.End is long end)
                {
                    // Up to the part's end, then in short steps to the line break that ends its last record.
                    var untilEnd = end - baseOffset;
                    target = (int)Math.Min(target, length < untilEnd ? untilEnd : length + (long)OverreadBytes);
                }

                while (length < target && !eof)
                {
                    var read = await ReadAsync(stream, data.AsMemory(length, target - length), codec, kind, path, cancellationToken).ConfigureAwait(false);
                    eof = read == 0;
                    length += read;
                }

                if (Cut(data.AsSpan(0, length), eof, first && unit.Start > 0, unit.End - baseOffset, lineDelimiter, csv, out begin, out ownEnd, out validEnd, out last))
                {
                    break;
                }

                if (length == data.Length)
                {
                    System.Array.Resize(ref data, data.Length * 2);
                }
            }

            if (last && length < data.Length)
            {
                // The decoders read a record without a final line break to the array's end.
                System.Array.Resize(ref data, length);
            }

            yield return new TextChunk(data, begin, ownEnd, validEnd, baseOffset, first, length - carryLength);
            if (last)
            {
                yield break;
            }

            previous = data;
            carryStart = validEnd;
            carryLength = length - validEnd;
            baseOffset += validEnd;
            first = false;
        }
    }

    /// <summary>The whole records of an object's first window (a sample to infer column types from), decompressed.</summary>
    public static async Task<byte[]> FirstWindowAsync(PartitionedFile file, string kind, byte lineDelimiter, TextLayout? csv, CancellationToken cancellationToken)
    {
        await foreach (var chunk in ReadAsync(file, new TextScanUnit(0, 0, null), kind, DefaultChunkBytes, lineDelimiter, csv, cancellationToken).ConfigureAwait(false))
        {
            return chunk.Data.AsSpan(0, chunk.ValidEnd).ToArray();
        }

        return [];
    }

    /// <summary>Where the window's records are; false when it must read on to know.</summary>
    private static bool Cut(ReadOnlySpan<byte> data, bool eof, bool afterFirstBreak, long? partEnd, byte lineDelimiter, TextLayout? csv,
        out int begin, out int ownEnd, out int validEnd, out bool last)
    {
        begin = ownEnd = validEnd = 0;
        last = false;
        if (afterFirstBreak)
        {
            var cut = data.IndexOf((byte)'\n');
            if (cut < 0 && !eof)
            {
                return false;
            }

            begin = cut < 0 ? data.Length : cut + 1;
        }

        if (partEnd is long end && end <= data.Length)
        {
            // The part's last record starts before its end and runs to the first line break at or past its last byte.
            var from = (int)Math.Max(end - 1, 0);
            var cut = data[from..].IndexOf(lineDelimiter);
            if (cut < 0 && !eof)
            {
                return false;
            }

            (ownEnd, validEnd, last) = ((int)end, cut < 0 ? data.Length : from + cut + 1, true);
            return true;
        }

        if (eof)
        {
            (ownEnd, validEnd, last) = (data.Length, data.Length, true);
            return true;
        }

        var records = data[begin..];
        var whole = csv is null ? records.LastIndexOf(lineDelimiter) + 1 : CsvRecordEnds.Last(records, csv);
        if (whole == 0)
        {
            return false;
        }

        ownEnd = validEnd = begin + whole;
        return true;
    }

    private static async ValueTask<int> ReadAsync(Stream stream, Memory<byte> destination, string? codec, string kind, string path, CancellationToken cancellationToken)
    {
        if (codec is null)
        {
            return await stream.ReadAsync(destination, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await stream.ReadAsync(destination, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (TextCompression.Corrupt(e))
        {
            throw Corrupt(codec, kind, path, e);
        }
    }

    private static Stream Guard(Func<Stream> open, string codec, string kind, string path)
    {
        try
        {
            return open();
        }
        catch (Exception e) when (TextCompression.Corrupt(e))
        {
            throw Corrupt(codec, kind, path, e);
        }
    }

    private static FederationException Corrupt(string codec, string kind, string path, Exception e) =>
        new(ErrorCode.CorruptObject, $"cannot read {codec}-compressed {kind} file {path}: it is truncated or corrupt ({e.Message})");
}
