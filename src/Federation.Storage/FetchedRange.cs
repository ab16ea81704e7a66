namespace Federation.Storage;

/// <summary>Bytes of an object fetched from <see cref="Offset"/> on; shared read-only between streams over the same object.</summary>
public sealed record FetchedRange(long Offset, byte[] Bytes);
