namespace Federation.Fuzz.Tests;

/// <summary>The columns an expression may name: those of its FROM, and (for a subquery) its outer query's, which make it correlated.</summary>
/// <param name="Small">Whether the FROM yields few rows, so a subquery correlated with it on any condition stays cheap.</param>
public sealed record FuzzScope(IReadOnlyList<FuzzColumn> Columns, bool Small, FuzzScope? Outer);
