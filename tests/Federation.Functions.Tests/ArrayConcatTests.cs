using Apache.Arrow;
using Apache.Arrow.Types;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Functions;

namespace Federation.Functions.Tests;

public class ArrayConcatTests
{
    private static string Texts(IArrowArray array, SqlType type) =>
        string.Join(",", ArrowValues.Texts(ColumnarValue.FromArray(array), type, array.Length).Select(v => v ?? "NULL"));

    [Fact]
    public void Integers_with_nulls_and_slices_keep_every_value_and_null_in_order()
    {
        var a = ArrowValues.Int64s(1, null, 3);
        var b = ArrowValues.Slice(ArrowValues.Int64s(10, 11, null, 13, 14, 15, 16, 17, 18, 19, 20), 3, 5);
        var c = ArrowValues.Int64s(7);
        var result = ArrayConcat.Concat([a, b, c]);
        Assert.Equal(9, result.Length);
        Assert.Equal(1, result.NullCount);
        Assert.Equal("1,NULL,3,13,14,15,16,17,7", Texts(result, SqlType.Int64));
    }

    [Fact]
    public void No_validity_buffer_when_no_part_has_a_null()
    {
        var result = ArrayConcat.Concat([ArrowValues.Int32s(1, 2), ArrowValues.Int32s(3)]);
        Assert.Equal(0, result.NullCount);
        Assert.True(result.Data.Buffers[0].IsEmpty);
        Assert.Equal("1,2,3", Texts(result, SqlType.Int32));
    }

    [Fact]
    public void Booleans_at_unaligned_offsets_land_bit_for_bit()
    {
        var a = ArrowValues.Booleans(true, false, true);
        var b = ArrowValues.Slice(ArrowValues.Booleans(false, false, true, null, true, false, false, true, true, false, true), 2, 9);
        var result = ArrayConcat.Concat([a, b, a]);
        Assert.Equal("true,false,true,true,NULL,true,false,false,true,true,false,true,true,false,true", Texts(result, SqlType.Boolean));
    }

    [Fact]
    public void Strings_from_sliced_arrays_are_rebased()
    {
        var a = ArrowValues.Slice(ArrowValues.Strings("skip", "alpha", null, ""), 1, 3);
        var b = ArrowValues.Strings("beta", "gamma");
        var result = ArrayConcat.Concat([a, b]);
        Assert.Equal("alpha,NULL,,beta,gamma", Texts(result, SqlType.String));
    }

    [Fact]
    public void An_empty_string_part_without_offsets_adds_nothing()
    {
        var empty = new StringArray(new ArrayData(StringType.Default, 0, 0, 0, [ArrowBuffer.Empty, ArrowBuffer.Empty, ArrowBuffer.Empty]));
        var result = ArrayConcat.Concat([ArrowValues.Strings("x"), empty, ArrowValues.Strings(null, "yz")]);
        Assert.Equal("x,NULL,yz", Texts(result, SqlType.String));
    }

    [Fact]
    public void Decimals_keep_their_type_and_values()
    {
        var type = SqlType.Decimal(12, 2);
        var result = ArrayConcat.Concat([ArrowValues.Decimals(12, 2, "1.25", null), ArrowValues.Decimals(12, 2, "-99999.99")]);
        Assert.Equal(12, ((Decimal128Type)result.Data.DataType).Precision);
        Assert.Equal("1.25,NULL,-99999.99", Texts(result, type));
    }

    [Fact]
    public void Dictionary_parts_over_one_dictionary_share_it_and_different_ones_are_decoded()
    {
        var dictionary = (StringArray)ArrowValues.Strings("red", "green");
        DictionaryArray Encoded(params int?[] positions) =>
            new(new DictionaryType(Int32Type.Default, StringType.Default, false), ArrowValues.Int32s(positions), dictionary);

        var shared = ArrayConcat.Concat([Encoded(1, 0), Encoded(null, 1)]);
        var sharedArray = Assert.IsType<DictionaryArray>(shared);
        Assert.Same(dictionary, sharedArray.Dictionary);
        Assert.Equal("green,red,NULL,green", Texts(ArrowNormalizer.Normalize(shared), SqlType.String));

        var other = new DictionaryArray(new DictionaryType(Int32Type.Default, StringType.Default, false), ArrowValues.Int32s(0), ArrowValues.Strings("blue"));
        var mixed = ArrayConcat.Concat([Encoded(1), other]);
        Assert.IsNotType<DictionaryArray>(mixed);
        Assert.Equal("green,blue", Texts(mixed, SqlType.String));
    }

    [Fact]
    public void Batches_concatenate_column_by_column()
    {
        var schema = new Schema([new Field("x", Int64Type.Default, true), new Field("s", StringType.Default, true)], null);
        var first = new RecordBatch(schema, [ArrowValues.Int64s(1, 2), ArrowValues.Strings("a", null)], 2);
        var second = new RecordBatch(schema, [ArrowValues.Int64s(3), ArrowValues.Strings("c")], 1);
        var all = BatchOps.Concat(schema, [first, second]);
        Assert.Equal(3, all.Length);
        Assert.Equal("1,2,3", Texts(all.Column(0), SqlType.Int64));
        Assert.Equal("a,NULL,c", Texts(all.Column(1), SqlType.String));
    }
}
