namespace Federation.Testing.Postgres;

/// <summary>A statement's answer from <see cref="PostgresServer"/>: each column's PostgreSQL type name, and the rows as PostgreSQL prints them (null for NULL).</summary>
public sealed record PostgresRows(IReadOnlyList<string> ColumnTypes, IReadOnlyList<string?[]> Rows);
