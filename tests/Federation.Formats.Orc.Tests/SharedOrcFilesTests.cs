using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Apache.Arrow;
using Federation.Common;
using Federation.Engine;
using Federation.Physical.Files;
using Federation.Storage;
using Federation.Testing;
using OrcKind = Federation.Formats.Orc.Protocol.Type.Types.Kind;

namespace Federation.Formats.Orc.Tests;

/// <summary>
/// Every file in ../shared/testdata/orc (the ORC project's Java and C++ writers' files and Hive's) read through
/// read_orc: row counts and every flat column's values equal the expected/*.jsn.gz companions (nested columns are
/// skipped: issue 18); files without a companion are checked against what their README documents; the corrupt
/// files and the future-version file fail with an error naming the object.
/// </summary>
public sealed class SharedOrcFilesTests
{
    public static TheoryData<string> FilesWithExpectedRows =>
    [
        "TestOrcFile.test1.orc",
        "TestOrcFile.testSnappy.orc",
        "TestVectorOrcFile.testLz4.orc",
        "TestOrcFile.testPredicatePushdown.orc",
        "decimal.orc",
        "TestOrcFile.testTimestamp.orc",
        "TestOrcFile.testDate1900.orc",
        "TestOrcFile.testUnionAndTimestamp.orc",
        "over1k_bloom.orc",
        "TestOrcFile.testStripeLevelStats.orc",
        "TestOrcFile.emptyFile.orc",
        "TestOrcFile.testStringAndBinaryStatistics.orc",
        "orc_split_elim_cpp.orc",
    ];

    private static Session NewSession()
    {
        var engine = new FederationEngine();
        engine.RegisterTableFunction(new ReadOrcFunction(engine.Stores));
        return engine.CreateSession();
    }

    private static async Task<OrcFileTail> TailAsync(string name)
    {
        var store = new LocalObjectStore(SharedOrcFiles.Folder);
        var meta = await store.HeadAsync(name, default);
        return await OrcTailCache.ReadAsync(new PartitionedFile(store, meta, []), default);
    }

    [Theory]
    [MemberData(nameof(FilesWithExpectedRows))]
    public async Task Flat_columns_equal_the_expected_rows(string name)
    {
        var tail = await TailAsync(name);
        var expected = SharedOrcFiles.ExpectedRows(name);
        Assert.Equal((long)tail.Footer.NumberOfRows, expected.Count);
        var flat = tail.Schema.Fields.Where(f => OrcSchema.IsFlat(f.Type)).ToList();
        Assert.NotEmpty(flat);
        var bareRoot = tail.Schema.Fields is [{ ColumnId: 0 }];
        var select = string.Join(", ", flat.Select(f => $"\"{f.Name}\""));
        var result = await NewSession().ExecuteAsync($"SELECT {select} FROM read_orc('{SharedOrcFiles.Path(name)}')");
        var batches = await result.CollectAsync();
        var row = 0;
        foreach (var batch in batches)
        {
            for (var r = 0; r < batch.Length; r++, row++)
            {
                for (var c = 0; c < flat.Count; c++)
                {
                    var value = bareRoot ? expected[row] : expected[row].GetProperty(flat[c].Name);
                    AssertValue(value, batch.Column(c), r, flat[c].Type, $"{name} row {row} column {flat[c].Name}");
                }
            }
        }

        Assert.Equal(expected.Count, row);
    }

    private static void AssertValue(JsonElement expected, IArrowArray array, int index, Protocol.Type type, string where)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            Assert.True(array.IsNull(index), $"{where}: expected NULL");
            return;
        }

        Assert.False(array.IsNull(index), $"{where}: expected {expected.GetRawText()}, read NULL");
        switch (type.Kind)
        {
            case OrcKind.Boolean:
                Assert.Equal(expected.GetBoolean(), ((BooleanArray)array).GetValue(index));
                break;
            case OrcKind.Byte or OrcKind.Short:
                Assert.True(expected.GetInt64() == ((Int16Array)array).GetValue(index), $"{where}: expected {expected}, read {((Int16Array)array).GetValue(index)}");
                break;
            case OrcKind.Int:
                Assert.True(expected.GetInt64() == ((Int32Array)array).GetValue(index), $"{where}: expected {expected}, read {((Int32Array)array).GetValue(index)}");
                break;
            case OrcKind.Long:
                Assert.True(expected.GetInt64() == ((Int64Array)array).GetValue(index), $"{where}: expected {expected}, read {((Int64Array)array).GetValue(index)}");
                break;
            case OrcKind.Float:
            {
                var actual = (double)((FloatArray)array).GetValue(index)!.Value;
                var wanted = expected.GetDouble();
                Assert.True(Math.Abs(actual - wanted) <= 1e-6 * Math.Max(1, Math.Abs(wanted)), $"{where}: expected {wanted}, read {actual}");
                break;
            }

            case OrcKind.Double:
            {
                var actual = ((DoubleArray)array).GetValue(index)!.Value;
                var wanted = expected.GetDouble();
                Assert.True(Math.Abs(actual - wanted) <= 1e-9 * Math.Max(1, Math.Abs(wanted)), $"{where}: expected {wanted}, read {actual}");
                break;
            }

            case OrcKind.String or OrcKind.Varchar or OrcKind.Char:
                Assert.True(expected.GetString() == ((StringArray)array).GetString(index), $"{where}: expected {expected}, read {((StringArray)array).GetString(index)}");
                break;
            case OrcKind.Binary:
                Assert.Equal(expected.EnumerateArray().Select(e => (byte)e.GetInt32()).ToArray(), ((BinaryArray)array).GetBytes(index).ToArray());
                break;
            case OrcKind.Date:
            {
                var days = ((Date32Array)array).GetValue(index)!.Value;
                Assert.Equal(expected.GetString(), DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            }

            case OrcKind.Timestamp or OrcKind.TimestampInstant:
            {
                var micros = ((TimestampArray)array).GetValue(index)!.Value;
                Assert.True(TimestampMicros(expected.GetString()!) == micros,
                    $"{where}: expected {expected.GetString()}, read {DateTime.UnixEpoch.AddTicks(micros * 10):yyyy-MM-dd HH:mm:ss.ffffff}");
                break;
            }

            case OrcKind.Decimal:
            {
                var decimals = (Decimal128Array)array;
                var scale = ((Apache.Arrow.Types.Decimal128Type)decimals.Data.DataType).Scale;
                var actual = Federation.Common.Arrow.ArrayFactory.DecimalValues(decimals)[index];
                var wanted = OrcStatistics.ParseDecimal(expected.GetRawText(), scale);
                Assert.True(wanted == actual, $"{where}: expected {expected.GetRawText()}, read {actual} at scale {scale}");
                break;
            }

            default:
                Assert.Fail($"{where}: no comparison for {type.Kind}");
                break;
        }
    }

    /// <summary>"YYYY-MM-DD HH:MM:SS.fraction" as microseconds since 1970 (nanoseconds beyond microseconds dropped, as the reader keeps microseconds).</summary>
    private static long TimestampMicros(string text)
    {
        var point = text.IndexOf('.');
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? "" : text[(point + 1)..];
        var date = DateTime.ParseExact(whole, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        var seconds = (long)(date - DateTime.UnixEpoch).TotalSeconds;
        var micros = fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(9, '0')[..6], CultureInfo.InvariantCulture);
        return (seconds * 1_000_000) + micros;
    }

    [Fact]
    public async Task Zstd_file_reads_its_rows_and_lz4_twin_agrees()
    {
        // testZstd.0.12 has no companion; it is the ZSTD copy of testLz4's generator (y = row number), so its sums are checked against testLz4's.
        var session = NewSession();
        var zstd = await ResultRows.OfAsync(session, $"SELECT count(*), min(y), max(y), sum(y) FROM read_orc('{SharedOrcFiles.Path("TestVectorOrcFile.testZstd.0.12.orc")}')");
        Assert.Equal(["10000|0|9999|49995000"], zstd);
    }

    [Fact]
    public async Task Large_repetitive_zlib_file_reads_every_row()
    {
        var rows = await ResultRows.OfAsync(NewSession(),
            $"SELECT count(*), min(_col0), max(_col0), sum(_col0) FROM read_orc('{SharedOrcFiles.Path("demo-12-zlib.orc")}')");
        Assert.Equal(["1920800|1|1920800|1844737280400"], rows);
    }

    [Fact]
    public async Task Nested_columns_are_named_when_selected_and_the_others_read()
    {
        var session = NewSession();
        var path = SharedOrcFiles.Path("complextypes_iceberg.orc");
        Assert.Equal(["8"], await ResultRows.OfAsync(session, $"SELECT id FROM read_orc('{path}')"));
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, $"SELECT nested_struct FROM read_orc('{path}')"));
        Assert.Equal(ErrorCode.NotSupported, error.Code);
        Assert.Contains("column \"nested_struct\"", error.Message);
        Assert.Contains("struct<a:int,b:array<int>", error.Message);
        Assert.Contains(path, error.Message);
        Assert.Equal(["1"], await ResultRows.OfAsync(session, "SELECT 1"));
    }

    [Theory]
    [InlineData("corrupt/negative_dict_entry_lengths.orc", "negative length")]
    [InlineData("corrupt/missing_length_stream_in_string_dict.orc", "LENGTH stream is missing")]
    public async Task Corrupt_files_fail_naming_the_object_and_the_cause(string name, string cause)
    {
        var session = NewSession();
        var path = SharedOrcFiles.Path(name);
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(session, $"SELECT * FROM read_orc('{path}')"));
        Assert.Equal(ErrorCode.CorruptObject, error.Code);
        Assert.Contains(path, error.Message);
        Assert.True(error.Message.Contains(cause, StringComparison.Ordinal), error.Message);
        Assert.Equal(["1"], await ResultRows.OfAsync(session, "SELECT 1"));
    }

    [Fact]
    public async Task A_future_format_version_is_refused_by_version()
    {
        var path = SharedOrcFiles.Path("version1999.orc");
        var error = await Assert.ThrowsAsync<FederationException>(() => ResultRows.OfAsync(NewSession(), $"SELECT * FROM read_orc('{path}')"));
        Assert.Equal(ErrorCode.NotSupported, error.Code);
        Assert.Contains(path, error.Message);
        Assert.Contains("future ORC version 19.99", error.Message);
    }

    [Fact]
    public async Task The_tail_holds_what_the_readme_documents()
    {
        var tail = await TailAsync("TestOrcFile.test1.orc");
        Assert.Equal("0.12", tail.Version);
        Assert.Equal(Protocol.CompressionKind.Zlib, tail.PostScript.Compression);
        Assert.Equal(10000UL, tail.PostScript.CompressionBlockSize);
        Assert.Equal(10000U, tail.Footer.RowIndexStride);
        Assert.Equal(1015UL, tail.Footer.ContentLength);
        Assert.Equal(2UL, tail.Footer.NumberOfRows);
        Assert.Equal(
            "struct<boolean1:boolean,byte1:tinyint,short1:smallint,int1:int,long1:bigint,float1:float,double1:double,bytes1:binary,string1:string,middle:struct<list:array<struct<int1:int,string1:string>>>,list:array<struct<int1:int,string1:string>>,map:map<string,struct<int1:int,string1:string>>>",
            tail.Schema.Describe(tail.Footer.Types_[0]));
        var timestamp = await TailAsync("TestOrcFile.testTimestamp.orc");
        Assert.Equal("0.11", timestamp.Version);
        Assert.Equal(3, (await TailAsync("TestOrcFile.testStripeLevelStats.orc")).Footer.Stripes.Count);
    }

    [Fact]
    public void Big_integers_survive_the_decimal_parser()
    {
        Assert.Equal((Int128)BigInteger.Parse("-123456789012345678901234567890123450", CultureInfo.InvariantCulture),
            OrcStatistics.ParseDecimal("-12345678901234567890123456789012345", 1));
    }
}
