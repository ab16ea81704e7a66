namespace Federation.Formats.Orc.Tests;

/// <summary>
/// The run-length decoders on the ORC v1 specification's own worked examples (byte RLE, integer RLE v1, and each
/// of RLE v2's four sub-encodings), read in pieces that cut runs, as a reader's batches do.
/// </summary>
public sealed class RunLengthDecoderTests
{
    private static long[] ReadInPieces(IIntegerDecoder decoder, int count, int piece)
    {
        var values = new long[count];
        for (var start = 0; start < count; start += piece)
        {
            decoder.Read(values.AsSpan(start, Math.Min(piece, count - start)));
        }

        return values;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(512)]
    public void Short_repeat(int piece) =>
        Assert.Equal([10000L, 10000, 10000, 10000, 10000], ReadInPieces(new IntegerRleV2Decoder(new byte[] { 0x0a, 0x27, 0x10 }, false, "test"), 5, piece));

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Direct(int piece) =>
        Assert.Equal([23713L, 43806, 57005, 48879],
            ReadInPieces(new IntegerRleV2Decoder(new byte[] { 0x5e, 0x03, 0x5c, 0xa1, 0xab, 0x1e, 0xde, 0xad, 0xbe, 0xef }, false, "test"), 4, piece));

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(20)]
    public void Patched_base(int piece)
    {
        byte[] bytes =
        [
            0x8e, 0x13, 0x2b, 0x21, 0x07, 0xd0, 0x1e, 0x00, 0x14, 0x70, 0x28, 0x32, 0x3c, 0x46, 0x50, 0x5a, 0x64, 0x6e, 0x78, 0x82, 0x8c, 0x96, 0xa0,
            0xaa, 0xb4, 0xbe, 0xfc, 0xe8,
        ];
        Assert.Equal([2030L, 2000, 2020, 1000000, 2040, 2050, 2060, 2070, 2080, 2090, 2100, 2110, 2120, 2130, 2140, 2150, 2160, 2170, 2180, 2190],
            ReadInPieces(new IntegerRleV2Decoder(bytes, false, "test"), 20, piece));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Delta(int piece) =>
        Assert.Equal([2L, 3, 5, 7, 11, 13, 17, 19, 23, 29],
            ReadInPieces(new IntegerRleV2Decoder(new byte[] { 0xc6, 0x09, 0x02, 0x02, 0x22, 0x42, 0x42, 0x46 }, false, "test"), 10, piece));

    [Fact]
    public void Signed_values_unzigzag_and_fixed_deltas_step()
    {
        // Short repeat of zigzag 3 (= -2), then a fixed delta run: base 10 (zigzag 20), delta -3 (zigzag 5), 4 values.
        var decoder = new IntegerRleV2Decoder(new byte[] { 0x00, 0x03, 0xc0, 0x03, 0x14, 0x05 }, true, "test");
        Assert.Equal([-2L, -2, -2, 10, 7, 4, 1], ReadInPieces(decoder, 7, 2));
    }

    [Fact]
    public void Rle_v1_runs_and_literals()
    {
        // The specification's examples: 100 sevens as a run (0x61 0x00 0x07), then literals 2, 3, 6, 7, 11 (0xfb 0x02 0x03 0x06 0x07 0x0b).
        var decoder = new IntegerRleV1Decoder(new byte[] { 0x61, 0x00, 0x07, 0xfb, 0x02, 0x03, 0x06, 0x07, 0x0b }, false, "test");
        var values = ReadInPieces(decoder, 105, 33);
        Assert.All(values[..100], v => Assert.Equal(7L, v));
        Assert.Equal([2L, 3, 6, 7, 11], values[100..]);
    }

    [Fact]
    public void Byte_rle_runs_and_literals()
    {
        // 100 zeros (0x61 0x00), then literals 0x44 0x45 (0xfe 0x44 0x45).
        var decoder = new ByteRleDecoder(new byte[] { 0x61, 0x00, 0xfe, 0x44, 0x45 }, "test");
        var values = new byte[102];
        decoder.Read(values.AsSpan(0, 50));
        decoder.Read(values.AsSpan(50, 52));
        Assert.All(values[..100], v => Assert.Equal(0, v));
        Assert.Equal([(byte)0x44, 0x45], values[100..]);
    }

    [Fact]
    public void A_stream_cut_short_is_a_corrupt_stream_not_a_crash()
    {
        var decoder = new IntegerRleV2Decoder(new byte[] { 0x5e, 0x03, 0x5c, 0xa1 }, false, "column \"x\": the DATA stream");
        var error = Assert.Throws<OrcFormatException>(() => decoder.Read(new long[4]));
        Assert.Contains("column \"x\": the DATA stream", error.Message);
        Assert.Contains("run past the end", error.Message);
    }
}
