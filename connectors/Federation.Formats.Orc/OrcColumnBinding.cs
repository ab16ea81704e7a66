using Federation.Common.Types;

namespace Federation.Formats.Orc;

/// <summary>What one projected table column reads: a file column (<paramref name="Field"/>) converted to <paramref name="Target"/>, or NULLs when the file lacks it.</summary>
internal sealed record OrcColumnBinding(string Name, SqlType Target, OrcField? Field);
