using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Federation.Coordinator;

/// <summary>
/// Flight SQL commands, tickets and action results travel as google.protobuf.Any, so the receiver learns the
/// message type from the type URL ("type.googleapis.com/arrow.flight.protocol.sql.&lt;Message&gt;").
/// </summary>
public static class FlightSqlCommand
{
    /// <summary>The Any-packed bytes of a message.</summary>
    public static ByteString Pack(IMessage message) => Any.Pack(message).ToByteString();

    /// <summary>Decodes descriptor or ticket bytes as an Any; anything else is a client error.</summary>
    public static Any Unpack(ByteString bytes)
    {
        try
        {
            var any = Any.Parser.ParseFrom(bytes);
            if (string.IsNullOrEmpty(any.TypeUrl))
            {
                throw FlightSqlErrors.InvalidRequest("the command is not a Flight SQL command (an Any-packed arrow.flight.protocol.sql message)");
            }

            return any;
        }
        catch (InvalidProtocolBufferException e)
        {
            throw FlightSqlErrors.InvalidRequest("the command is not a Flight SQL command: " + e.Message);
        }
    }

    /// <summary>The message inside the Any if it is a <typeparamref name="T"/>, else null.</summary>
    public static T? As<T>(Any any)
        where T : class, IMessage<T>, new()
    {
        try
        {
            return any.TryUnpack<T>(out var message) ? message : null;
        }
        catch (InvalidProtocolBufferException e)
        {
            throw FlightSqlErrors.InvalidRequest($"malformed {typeof(T).Name}: {e.Message}");
        }
    }

    /// <summary>The message name of an Any, for errors about commands this server does not handle.</summary>
    public static string NameOf(Any any) => Any.GetTypeName(any.TypeUrl);
}
