namespace Federation.Physical.Files;

/// <summary>Part of one object a fragment may read alone: these row groups (or stripes), holding about <paramref name="Bytes"/> bytes.</summary>
public sealed record FileSplit(IReadOnlyList<int> RowGroups, long Bytes);
