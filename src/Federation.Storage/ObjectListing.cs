namespace Federation.Storage;

/// <summary>One level of a listing with a delimiter: the objects directly under a prefix and the sub-prefixes ("folders").</summary>
public sealed record ObjectListing(IReadOnlyList<ObjectMeta> Objects, IReadOnlyList<string> Prefixes);
