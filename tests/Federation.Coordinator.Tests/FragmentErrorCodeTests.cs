using Federation.Common;
using Federation.Coordinator;
using Federation.Coordinator.Workers;
using Grpc.Core;

namespace Federation.Coordinator.Tests;

/// <summary>The error code a worker reports for a fragment, including codes of a newer build during a rolling upgrade.</summary>
public sealed class FragmentErrorCodeTests
{
    [Fact]
    public void A_code_this_build_knows_is_taken_exactly()
    {
        Assert.Equal(ErrorCode.CorruptObject, FragmentErrorCode.Read("CorruptObject", StatusCode.DataLoss));
        Assert.Equal(ErrorCode.SchemaMismatch, FragmentErrorCode.Read("SchemaMismatch", StatusCode.FailedPrecondition));
        Assert.Equal(ErrorCode.DivisionByZero, FragmentErrorCode.Read("DivisionByZero", StatusCode.InvalidArgument));
    }

    [Fact]
    public void Without_a_code_the_worker_failed_not_the_fragment()
    {
        Assert.Null(FragmentErrorCode.Read(null, StatusCode.Unavailable));
    }

    [Theory]
    [InlineData("ChecksumOfTheFuture", StatusCode.DataLoss, ErrorCode.CorruptObject)]
    [InlineData("SomeNewLimit", StatusCode.ResourceExhausted, ErrorCode.MemoryLimitExceeded)]
    [InlineData("SomeNewPlanError", StatusCode.InvalidArgument, ErrorCode.InvalidArgument)]
    [InlineData("999", StatusCode.NotFound, ErrorCode.ObjectNotFound)]
    [InlineData("corruptobject", StatusCode.Internal, ErrorCode.Internal)]
    public void A_code_of_a_newer_build_is_read_from_the_status_the_worker_chose(string trailer, StatusCode status, ErrorCode expected)
    {
        Assert.Equal(expected, FragmentErrorCode.Read(trailer, status));
    }

    [Fact]
    public void Every_code_read_back_from_its_status_gives_the_client_the_same_status()
    {
        foreach (var code in Enum.GetValues<ErrorCode>())
        {
            var status = FlightSqlErrors.StatusOf(new FederationException(code, "x"));
            var read = FragmentErrorCode.FromStatus(status);
            Assert.Equal(status, FlightSqlErrors.StatusOf(new FederationException(read, "x")));
        }
    }
}
