namespace Federation.Formats.Orc;

/// <summary>What one partition of an ORC scan reads of one object: these stripes, by index (all of them when null).</summary>
internal sealed record OrcScanUnit(int FileIndex, IReadOnlyList<int>? Stripes);
