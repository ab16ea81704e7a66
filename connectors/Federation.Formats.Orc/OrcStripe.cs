using Federation.Common;
using Federation.Common.Types;
using Federation.Formats.Orc.Protocol;
using Federation.Storage;
using Google.Protobuf;
using OrcKind = Federation.Formats.Orc.Protocol.Type.Types.Kind;
using StreamKind = Federation.Formats.Orc.Protocol.Stream.Types.Kind;
using EncodingKind = Federation.Formats.Orc.Protocol.ColumnEncoding.Types.Kind;

namespace Federation.Formats.Orc;

/// <summary>
/// One stripe opened for the columns a scan reads: its footer is fetched and parsed (stream directory, column
/// encodings, writer's time zone), then only the PRESENT, DATA, LENGTH, DICTIONARY_DATA and SECONDARY streams of
/// those columns, in ranged reads merged as for Parquet (indexes and other columns' streams are never fetched), and
/// each stream decompressed whole when its reader is made. <see cref="CreateReader"/> builds a column's reader over them.
/// </summary>
internal sealed class OrcStripe
{
    private readonly Dictionary<(int Column, StreamKind Kind), ReadOnlyMemory<byte>> _streams;
    private readonly StripeFooter _footer;
    private readonly OrcDecompressor _decompressor;

    private OrcStripe(StripeFooter footer, Dictionary<(int Column, StreamKind Kind), ReadOnlyMemory<byte>> streams, OrcDecompressor decompressor, long rows,
        long bytesRead)
    {
        _footer = footer;
        _streams = streams;
        _decompressor = decompressor;
        Rows = rows;
        BytesRead = bytesRead;
    }

    public long Rows { get; }

    public long BytesRead { get; }

    private static readonly StreamKind[] ValueStreams = [StreamKind.Present, StreamKind.Data, StreamKind.Length, StreamKind.DictionaryData, StreamKind.Secondary];

    public static async Task<OrcStripe> OpenAsync(IObjectStore store, ObjectMeta meta, OrcFileTail tail, StripeInformation stripe, IReadOnlyCollection<int> columns,
        ObjectReadOptions options, CancellationToken cancellationToken)
    {
        var decompressor = tail.CreateDecompressor();
        var footerOffset = (long)(stripe.Offset + stripe.IndexLength + stripe.DataLength);
        var footerBytes = new byte[(int)stripe.FooterLength];
        await store.ReadAsync(meta.Key, footerOffset, footerBytes, meta.ETag, cancellationToken).ConfigureAwait(false);
        long bytesRead = footerBytes.Length;
        StripeFooter footer;
        try
        {
            footer = StripeFooter.Parser.ParseFrom(decompressor.Decompress(footerBytes, "the stripe footer").Span);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OrcFormatException($"the stripe footer does not parse ({e.Message}): the file is corrupt");
        }

        var wanted = new HashSet<int>(columns);
        var located = new List<(int Column, StreamKind Kind, long Offset, int Length)>();
        var position = (long)stripe.Offset;
        var end = footerOffset;
        foreach (var stream in footer.Streams)
        {
            var length = (long)stream.Length;
            if (length < 0 || position + length > end)
            {
                throw new OrcFormatException($"the {stream.Kind} stream of column {stream.Column} runs past the stripe's data");
            }

            if (wanted.Contains((int)stream.Column) && Array.IndexOf(ValueStreams, stream.Kind) >= 0 && length > 0)
            {
                located.Add(((int)stream.Column, stream.Kind, position, (int)length));
            }

            position += length;
        }

        var requests = RangeCoalescer.Coalesce(located.Select(s => (s.Offset, (long)s.Length)), options);
        var buffers = new byte[requests.Count][];
        var reads = new Task[requests.Count];
        for (var r = 0; r < requests.Count; r++)
        {
            var (offset, length) = requests[r];
            buffers[r] = new byte[length];
            reads[r] = store.ReadAsync(meta.Key, offset, buffers[r], meta.ETag, cancellationToken).AsTask();
            bytesRead += length;
        }

        await Task.WhenAll(reads).ConfigureAwait(false);
        var streams = new Dictionary<(int Column, StreamKind Kind), ReadOnlyMemory<byte>>();
        foreach (var (column, kind, offset, length) in located)
        {
            var request = 0;
            while (requests[request].Offset + requests[request].Length < offset + length)
            {
                request++;
            }

            streams[(column, kind)] = buffers[request].AsMemory((int)(offset - requests[request].Offset), length);
        }

        return new OrcStripe(footer, streams, decompressor, (long)stripe.NumberOfRows, bytesRead);
    }

    /// <summary>A stream's bytes, decompressed when a reader first asks (so a column's missing stream is reported before a later column's bytes are decoded).</summary>
    private ReadOnlyMemory<byte> Stream(int column, StreamKind kind) =>
        _streams.TryGetValue((column, kind), out var raw) ? _decompressor.Decompress(raw, $"the {kind.ToString().ToUpperInvariant()} stream of column {column}") : default;

    private bool Has(int column, StreamKind kind) => _streams.ContainsKey((column, kind));

    /// <summary>The reader of <paramref name="binding"/>'s column in this stripe.</summary>
    public OrcColumnReader CreateReader(OrcColumnBinding binding)
    {
        var field = binding.Field!;
        var id = field.ColumnId;
        var name = binding.Name;
        if (id >= _footer.Columns.Count)
        {
            throw new OrcFormatException($"the stripe footer has no encoding for column {id} (\"{name}\")");
        }

        var encoding = _footer.Columns[id];
        var v2 = encoding.Kind is EncodingKind.DirectV2 or EncodingKind.DictionaryV2;
        var dictionary = encoding.Kind is EncodingKind.Dictionary or EncodingKind.DictionaryV2;
        var present = Has(id, StreamKind.Present) ? new BooleanRleDecoder(Stream(id, StreamKind.Present), $"column \"{name}\": the PRESENT stream") : null;

        IIntegerDecoder Integers(StreamKind kind, bool signed)
        {
            var what = $"column \"{name}\": the {kind.ToString().ToUpperInvariant()} stream";
            return v2 ? new IntegerRleV2Decoder(Stream(id, kind), signed, what) : new IntegerRleV1Decoder(Stream(id, kind), signed, what);
        }

        switch (field.Type.Kind)
        {
            case OrcKind.Boolean:
                return new BooleanColumnReader(present, new BooleanRleDecoder(Stream(id, StreamKind.Data), $"column \"{name}\": the DATA stream"), name);
            case OrcKind.Byte:
                return new IntegerColumnReader(present, new ByteIntegerDecoder(Stream(id, StreamKind.Data), $"column \"{name}\": the DATA stream"), binding.Target, name);
            case OrcKind.Short or OrcKind.Int or OrcKind.Long:
                return new IntegerColumnReader(present, Integers(StreamKind.Data, signed: true), binding.Target, name);
            case OrcKind.Date:
                return new IntegerColumnReader(present, Integers(StreamKind.Data, signed: true), binding.Target, name);
            case OrcKind.Float or OrcKind.Double:
                return new FloatingColumnReader(present, Stream(id, StreamKind.Data), field.Type.Kind == OrcKind.Float, binding.Target, name);
            case OrcKind.String or OrcKind.Varchar or OrcKind.Char or OrcKind.Binary:
            {
                var target = field.Type.Kind == OrcKind.Binary ? SqlType.Binary : binding.Target;
                if (!dictionary)
                {
                    return new StringDirectColumnReader(present, Stream(id, StreamKind.Data), Integers(StreamKind.Length, signed: false), target, name);
                }

                var size = (int)Math.Min(encoding.DictionarySize, int.MaxValue);
                if (size > 0 && !Has(id, StreamKind.Length))
                {
                    throw new OrcFormatException($"column \"{name}\" is dictionary encoded ({size} entries) but its LENGTH stream is missing");
                }

                return new StringDictionaryColumnReader(present, Stream(id, StreamKind.DictionaryData), Integers(StreamKind.Length, signed: false), size,
                    Integers(StreamKind.Data, signed: false), target, name);
            }

            case OrcKind.Decimal:
                return new DecimalColumnReader(present, Stream(id, StreamKind.Data), Integers(StreamKind.Secondary, signed: true), binding.Target, name);
            case OrcKind.Timestamp or OrcKind.TimestampInstant:
            {
                var zone = field.Type.Kind == OrcKind.Timestamp ? WriterZone() : null;
                return new TimestampColumnReader(present, Integers(StreamKind.Data, signed: true), Integers(StreamKind.Secondary, signed: false), zone, binding.Target, name);
            }

            default:
                throw new OrcFormatException($"column \"{name}\": ORC type {field.Type.Kind} cannot be read", ErrorCode.NotSupported);
        }
    }

    /// <summary>The writer's time zone (null for UTC or none given, as 0.11 files are).</summary>
    private TimeZoneInfo? WriterZone()
    {
        var id = _footer.WriterTimezone;
        if (string.IsNullOrEmpty(id) || id is "UTC" or "GMT" or "Etc/UTC" or "Z")
        {
            return null;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            throw new OrcFormatException($"the stripe's writer time zone '{id}' is not known to this system", ErrorCode.NotSupported);
        }

        return zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime ? null : zone;
    }
}
