using Google.Protobuf;
using Grpc.Core;

namespace Federation.Coordinator.Tests;

/// <summary>ListActions announces what DoAction serves; anything else is Unimplemented with a message that says so.</summary>
public sealed class FlightSqlActionTests : IClassFixture<CoordinatorFixture>
{
    private readonly FlightSqlCalls _calls;

    public FlightSqlActionTests(CoordinatorFixture server)
    {
        _calls = new FlightSqlCalls(server.Client);
    }

    [Fact]
    public async Task ListActions_answers_the_supported_actions_with_descriptions()
    {
        using var call = _calls.Client.ListActions();
        var actions = new Dictionary<string, string>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            actions.Add(call.ResponseStream.Current.Type, call.ResponseStream.Current.Description);
        }

        Assert.Equal(["CancelFlightInfo", "CancelQuery", "ClosePreparedStatement", "CreatePreparedStatement"], actions.Keys.Order(StringComparer.Ordinal));
        Assert.All(actions.Values, description => Assert.True(description.Length > 20, description));
        Assert.Contains("ActionCreatePreparedStatementRequest", actions["CreatePreparedStatement"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_action_is_Unimplemented_and_names_what_is_supported()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _calls.ActionAsync("BeginTransaction", ByteString.Empty));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains("unknown action \"BeginTransaction\"", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("CreatePreparedStatement", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_action_body_is_InvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _calls.ActionAsync("CreatePreparedStatement", ByteString.CopyFromUtf8("SELECT 1")));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }
}
