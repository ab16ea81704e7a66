namespace Federation.Exchange;

/// <summary>
/// A ticket a worker will not run: not signed, signed with another secret, expired, or not a fragment ticket at all.
/// The message says which, so an operator can tell a misconfigured secret from a clock problem; the worker answers
/// it as Unauthenticated.
/// </summary>
public sealed class TicketRejectedException(string reason) : Exception(reason);
