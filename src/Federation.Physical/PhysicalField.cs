using Federation.Common.Types;

namespace Federation.Physical;

/// <summary>One output column of a physical operator.</summary>
public sealed record PhysicalField(string Name, SqlType Type, bool Nullable = true);
