namespace Federation.Client;

/// <summary>The answer to a CancelFlightInfo action: Flight.proto's CancelStatus, same numbers.</summary>
public enum FlightCancelStatus
{
    Unspecified = 0,
    Cancelled = 1,
    Cancelling = 2,
    NotCancellable = 3,
}
