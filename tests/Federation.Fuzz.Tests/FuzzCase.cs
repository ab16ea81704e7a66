namespace Federation.Fuzz.Tests;

/// <summary>One generated case: a query, whether DuckDB answers it the same way by its dialect, and what to compare it with.</summary>
/// <param name="Partitions">For the TLP checks: the three partitions of <paramref name="Sql"/> by p, NOT p and p IS NULL.</param>
/// <param name="Combined">For <see cref="FuzzCheck.TlpAggregate"/>: one query folding the three partitions' aggregates into one.</param>
public sealed record FuzzCase(FuzzCheck Check, string Sql, bool Portable, IReadOnlyList<string> Partitions, string? Combined);
