using Federation.Common.Types;

namespace Federation.Formats.Parquet.Tests;

/// <summary>Partition columns found in '/'-separated object keys relative to a table's root.</summary>
public sealed class HivePartitioningTests
{
    /// <summary>Each file's values as "kind:value" (NULL for a null), joined by '|'.</summary>
    private static string[] Values(HivePartitioning.Result result) =>
        result.Values.Select(row => string.Join('|', row.Select(v => v.IsNull ? $"{v.Type.Kind}:NULL" : $"{v.Type.Kind}:{v.Value}"))).ToArray();

    private static string[] Keys(HivePartitioning.Result result) => result.Keys.Select(k => $"{k.Name}:{k.Type.Kind}").ToArray();

    [Fact]
    public void Escaped_values_are_decoded_and_an_escaped_slash_is_part_of_the_value_not_a_folder()
    {
        var result = HivePartitioning.Detect(["a=1/b=x%2Fy/file.parquet", "a=2/b=z%3Dw/file.parquet", "a=-3/b=p=q/part-0.parquet"]);

        Assert.Equal(["a:Int64", "b:String"], Keys(result));
        Assert.Equal(["Int64:1|String:x/y", "Int64:2|String:z=w", "Int64:-3|String:p=q"], Values(result));
    }

    [Fact]
    public void The_default_partition_is_null_of_the_keys_type()
    {
        var result = HivePartitioning.Detect(["day=2024-01-31/f.parquet", "day=__HIVE_DEFAULT_PARTITION__/f.parquet", "day=2024-02-01/f.parquet"]);

        Assert.Equal(["day:Date"], Keys(result));
        var days = result.Values.Select(v => v[0]).ToArray();
        Assert.True(DateTimeMath.TryParseDate("2024-01-31", out var january));
        Assert.Equal(january, days[0].Value);
        Assert.True(days[1].IsNull);
        Assert.Equal(TypeKind.Date, days[1].Type.Kind);
        Assert.Equal(january + 1, days[2].Value);

        // All values NULL: nothing says what type the key has, so it is text.
        Assert.Equal(["k:String"], Keys(HivePartitioning.Detect(["k=__HIVE_DEFAULT_PARTITION__/f.parquet"])));
    }

    [Fact]
    public void Folders_below_the_partition_folders_are_ordinary_folders()
    {
        var result = HivePartitioning.Detect(["region=eu/2024/01/f.parquet", "region=us/f.parquet", "region=us/tmp/day=3/g.parquet"]);

        Assert.Equal(["region:String"], Keys(result));
        Assert.Equal(["String:eu", "String:us", "String:us"], Values(result));
    }

    [Fact]
    public void Files_that_do_not_name_the_same_keys_have_no_partition_columns()
    {
        // A plain folder before the key=value one: the file is not in a partition folder at all.
        Assert.Empty(HivePartitioning.Detect(["extra/region=eu/f.parquet", "region=us/f.parquet"]).Keys);

        // Different keys, or the same keys in another order; a file directly under the root.
        Assert.Empty(HivePartitioning.Detect(["a=1/f.parquet", "b=1/f.parquet"]).Keys);
        Assert.Empty(HivePartitioning.Detect(["a=1/b=2/f.parquet", "b=2/a=1/f.parquet"]).Keys);
        Assert.Empty(HivePartitioning.Detect(["a=1/f.parquet", "f.parquet"]).Keys);

        // A file name with '=' is a name, not a folder; no files, no keys.
        Assert.Empty(HivePartitioning.Detect(["x=1.parquet"]).Keys);
        Assert.Empty(HivePartitioning.Detect([]).Keys);

        // Keys match case-insensitively; the first file's spelling names the column.
        Assert.Equal(["Day:Int64"], Keys(HivePartitioning.Detect(["Day=1/f.parquet", "day=2/f.parquet"])));
    }
}
