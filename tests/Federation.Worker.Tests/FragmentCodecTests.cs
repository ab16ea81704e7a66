using Federation.Common;
using Federation.Common.Types;
using Federation.Exchange;
using Federation.Execution;
using Federation.Logical.Expressions;
using Google.Protobuf;
using Proto = Federation.Exchange.Protocol;

namespace Federation.Worker.Tests;

/// <summary>A whole fragment survives the codec field by field; fragments that do not hold together are refused with the reason.</summary>
public sealed class FragmentCodecTests
{
    private static readonly Expr Filter = TestTable.IntAboveTen;

    [Theory]
    [InlineData(42L)]
    [InlineData(null)]
    public void A_fragment_round_trips_field_by_field(long? limit)
    {
        var fragment = TestTable.Fragment([Filter], limit);

        var decoded = FragmentCodec.Decode(FragmentCodec.Encode(fragment));

        Assert.Equal(("q42/f7", "sales.orders", "parquet"), (decoded.Id, decoded.Table, decoded.Format));
        Assert.Equal(fragment.FormatProperties, decoded.FormatProperties);
        Assert.Equal(fragment.TableColumns, decoded.TableColumns);
        Assert.Equal(TestTable.DataColumns, decoded.DataColumns);
        Assert.Equal(fragment.Columns, decoded.Columns);
        Assert.Equal([2, 7, 15, 16], decoded.Output);
        ExprAssert.Equal(Filter, Assert.Single(decoded.Filters));
        Assert.Equal(limit, decoded.Limit);
        Assert.Equal(1_764_662_400_000_000, decoded.StatementTimestampMicros);
        Assert.Equal(2, decoded.Objects.Count);
        for (var i = 0; i < 2; i++)
        {
            var (expected, actual) = (fragment.Objects[i], decoded.Objects[i]);
            Assert.Equal((expected.StoreUrl, expected.Key, expected.Size, expected.ETag, expected.LastModified), (actual.StoreUrl, actual.Key, actual.Size, actual.ETag, actual.LastModified));
            Assert.Equal(expected.PartitionValues.Count, actual.PartitionValues.Count);
            for (var k = 0; k < expected.PartitionValues.Count; k++)
            {
                ExprAssert.Value(expected.PartitionValues[k], actual.PartitionValues[k]);
            }
        }

        Assert.Equal([0, 2, 5], decoded.Objects[0].RowGroups);
        Assert.Null(decoded.Objects[1].RowGroups);
        Assert.True(decoded.VerifyPageChecksums);
    }

    [Fact]
    public void Page_checksums_switched_off_by_the_session_stay_off_on_the_worker_and_are_absent_from_the_bytes_otherwise()
    {
        var fragment = TestTable.Fragment([Filter]);

        Assert.False(FragmentCodec.Decode(FragmentCodec.Encode(fragment with { VerifyPageChecksums = false })).VerifyPageChecksums);
        // Checking is the default both ways: nothing is written for it, and a previous build's fragment (without the field) checks.
        Assert.False(Proto.ScanFragment.Parser.ParseFrom(FragmentCodec.Encode(fragment)).SkipPageChecksums);
        Assert.True(Proto.ScanFragment.Parser.ParseFrom(FragmentCodec.Encode(fragment with { VerifyPageChecksums = false })).SkipPageChecksums);
    }

    [Fact]
    public void The_session_time_zone_travels_to_the_worker_and_needs_version_3()
    {
        var fragment = TestTable.Fragment([Filter]);
        var paris = fragment with { TimeZone = SessionTimeZone.ParseSetting("Europe/Paris") };
        var west = fragment with { TimeZone = SessionTimeZone.ParseSetting("UTC+2") };

        var decoded = FragmentCodec.Decode(FragmentCodec.Encode(paris));
        var decodedWest = FragmentCodec.Decode(FragmentCodec.Encode(west));

        Assert.Equal("Europe/Paris", decoded.TimeZone.Name);
        Assert.Equal(7200, decoded.TimeZone.OffsetSecondsAt(1_719_835_200_000_000)); // 2024-07-01: summer time
        Assert.Equal(-7200, decodedWest.TimeZone.OffsetSecondsAt(0));
        // UTC writes nothing and stays at the version an older worker runs; another zone needs a worker that knows zones.
        Assert.Equal(string.Empty, Proto.ScanFragment.Parser.ParseFrom(FragmentCodec.Encode(fragment)).TimeZone);
        Assert.Equal(1u, Proto.ScanFragment.Parser.ParseFrom(FragmentCodec.Encode(fragment)).Version);
        Assert.Equal(3u, Proto.ScanFragment.Parser.ParseFrom(FragmentCodec.Encode(paris)).Version);
        Assert.Same(SessionTimeZone.Utc, FragmentCodec.Decode(FragmentCodec.Encode(fragment)).TimeZone);
    }

    [Fact]
    public void The_bad_row_tolerance_travels_to_the_worker_and_its_scan_errors_come_back_with_the_metrics()
    {
        var fragment = TestTable.Fragment([Filter]);
        Assert.Equal(0, FragmentCodec.Decode(FragmentCodec.Encode(fragment)).SpectrumQueryMaxError);
        Assert.Equal(-1, FragmentCodec.Decode(FragmentCodec.Encode(fragment with { SpectrumQueryMaxError = -1 })).SpectrumQueryMaxError);
        Assert.Equal(1u, Proto.ScanFragment.Parser.ParseFrom(FragmentCodec.Encode(fragment with { SpectrumQueryMaxError = 7 })).Version);

        var errors = new[]
        {
            new ScanErrorRecord("s3://b/k", "17", "amount", "99999", null, "numeric_overflow_handling", "SET_TO_NULL", null, ScanErrorCode.NumericOverflow),
            new ScanErrorRecord("s3://b/k", "40", "name", "ab\uFFFDc", "ab?c", "invalid_char_handling", "REPLACE", "?", ScanErrorCode.InvalidCharacter),
        };
        var metrics = new FragmentMetrics(new Dictionary<string, long> { [FragmentMetrics.BadValuesHandled] = 2 }) { ScanErrors = errors };
        var decoded = FragmentMetrics.FromBytes(metrics.ToBytes());
        Assert.Equal(errors, decoded.ScanErrors);
        Assert.Equal(2, decoded[FragmentMetrics.BadValuesHandled]);
        Assert.Equal(0, decoded[FragmentMetrics.BadRowsSkipped]);
    }

    [Fact]
    public void A_fragment_of_another_version_is_refused()
    {
        var message = Proto.ScanFragment.Parser.ParseFrom(FragmentCodec.Encode(TestTable.Fragment([Filter])));
        message.Version = ScanFragment.CurrentVersion + 1;

        var error = Assert.Throws<FederationException>(() => FragmentCodec.Decode(message.ToByteArray()));

        Assert.Equal(ErrorCode.NotSupported, error.Code);
        Assert.Contains($"scan fragment version {ScanFragment.CurrentVersion + 1} cannot be run by this worker", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fragments_that_do_not_hold_together_are_refused_with_the_reason()
    {
        var fragment = TestTable.Fragment([Filter]);
        var stranger = new BinaryExpr(BinaryOp.Equal, new ColumnRef(new Logical.PlanColumn(7, "elsewhere", SqlType.Int32, true)), TestTable.Int(1), SqlType.Boolean);

        Assert.Contains("output column 18 of 18", Refused(fragment with { Output = [18] }), StringComparison.Ordinal);
        Assert.Contains("reads a column (#7) the scan does not read", Refused(fragment with { Filters = [stranger] }), StringComparison.Ordinal);
        Assert.Contains("is not boolean", Refused(fragment with { Filters = [TestTable.Column("c_int")] }), StringComparison.Ordinal);
        Assert.Contains("has 1 partition values for 3 partition columns",
            Refused(fragment with { Objects = [fragment.Objects[0] with { PartitionValues = [ScalarValue.String("emea")] }] }), StringComparison.Ordinal);
        Assert.Contains("not distinct, ascending", Refused(fragment with { Objects = [fragment.Objects[0] with { RowGroups = [3, 1] }] }), StringComparison.Ordinal);
        Assert.Contains("malformed scan fragment", Assert.Throws<FederationException>(() => FragmentCodec.Decode([0xff, 0xff, 0xff])).Message, StringComparison.Ordinal);
    }

    private static string Refused(ScanFragment fragment)
    {
        var error = Assert.Throws<FederationException>(() => FragmentCodec.Encode(fragment));
        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        return error.Message;
    }
}
