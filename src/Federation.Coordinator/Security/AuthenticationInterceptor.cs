using Federation.Exchange;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Federation.Coordinator.Security;

/// <summary>
/// Authenticates every call before it reaches the Flight service, whatever its kind: a bearer token from
/// Handshake, basic credentials (some drivers send them on every call), or nothing when access is anonymous.
/// The identity (and the token) are left in the call's UserState for <see cref="SessionRegistry"/>.
/// </summary>
public sealed class AuthenticationInterceptor(Authenticator authenticator, SessionRegistry sessions) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        // A worker's heartbeat carries no user: its HMAC with the cluster secret, checked by the pool, is its credential.
        if (!IsWorkerHeartbeat(request, context))
        {
            Authenticate(context);
        }

        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(requestStream, responseStream, context);
    }

    private static bool IsWorkerHeartbeat(object? request, ServerCallContext context) =>
        context.Method.EndsWith("/DoAction", StringComparison.Ordinal)
        && request is IMessage message
        && message.Descriptor.FindFieldByName("type") is { } type
        && type.Accessor.GetValue(message) is string action
        && string.Equals(action, WorkerHeartbeat.ActionType, StringComparison.Ordinal);

    private void Authenticate(ServerCallContext context)
    {
        var header = context.RequestHeaders.GetValue("authorization");
        if (header is not null && SessionRegistry.TryParseBearer(header, out var token))
        {
            var identity = sessions.IdentityOf(token)
                ?? throw Authenticator.Refused("unknown or expired session token: call Handshake again");
            context.UserState[SessionRegistry.TokenKey] = token;
            context.UserState[SessionRegistry.IdentityKey] = identity;
        }
        else if (header is not null && Authenticator.IsBasic(header))
        {
            context.UserState[SessionRegistry.IdentityKey] = authenticator.AuthenticateBasic(header);
            context.UserState[SessionRegistry.BasicKey] = true;
        }
        else if (header is not null)
        {
            throw Authenticator.Refused("unsupported authorization scheme: use Basic or Bearer");
        }
        else
        {
            context.UserState[SessionRegistry.IdentityKey] = authenticator.AuthenticateNone();
        }
    }
}
