using Federation.Common;
using Federation.Coordinator;
using Grpc.Core;

namespace Federation.Worker.Tests;

/// <summary>
/// The gRPC status of each error code, as the coordinator answers clients and a worker answers the coordinator: the
/// same for every code, and Unavailable only for failures that another try can get past.
/// </summary>
public sealed class ErrorStatusMappingTests
{
    public static TheoryData<ErrorCode> Codes() => [.. Enum.GetValues<ErrorCode>()];

    [Theory]
    [MemberData(nameof(Codes))]
    public void The_worker_and_the_coordinator_give_a_code_the_same_status(ErrorCode code)
    {
        var error = new FederationException(code, "message");
        Assert.Equal(FlightSqlErrors.StatusOf(error), WorkerErrors.StatusOf(error));
    }

    [Theory]
    [InlineData(ErrorCode.ObjectStoreUnavailable, StatusCode.Unavailable)]
    [InlineData(ErrorCode.WorkersUnavailable, StatusCode.Unavailable)]
    [InlineData(ErrorCode.CatalogUnavailable, StatusCode.Unavailable)]
    [InlineData(ErrorCode.ObjectNotFound, StatusCode.NotFound)]
    [InlineData(ErrorCode.ObjectAccessDenied, StatusCode.PermissionDenied)]
    [InlineData(ErrorCode.CorruptObject, StatusCode.DataLoss)]
    [InlineData(ErrorCode.SchemaMismatch, StatusCode.FailedPrecondition)]
    [InlineData(ErrorCode.StorageCredentialsMissing, StatusCode.FailedPrecondition)]
    [InlineData(ErrorCode.ObjectReadError, StatusCode.FailedPrecondition)]
    [InlineData(ErrorCode.ObjectChanged, StatusCode.Aborted)]
    [InlineData(ErrorCode.TableNotFound, StatusCode.NotFound)]
    [InlineData(ErrorCode.MemoryLimitExceeded, StatusCode.ResourceExhausted)]
    [InlineData(ErrorCode.SyntaxError, StatusCode.InvalidArgument)]
    public void A_storage_failure_says_whether_trying_again_can_help(ErrorCode code, StatusCode status) =>
        Assert.Equal(status, FlightSqlErrors.StatusOf(new FederationException(code, "message")));

    [Fact]
    public void Only_failures_a_retry_can_get_past_are_Unavailable()
    {
        var unavailable = Enum.GetValues<ErrorCode>().Where(c => FlightSqlErrors.StatusOf(new FederationException(c, "message")) == StatusCode.Unavailable);
        Assert.Equal([ErrorCode.ObjectStoreUnavailable, ErrorCode.CatalogUnavailable, ErrorCode.WorkersUnavailable], unavailable.Order());
    }
}
