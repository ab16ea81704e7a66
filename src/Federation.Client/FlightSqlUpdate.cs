namespace Federation.Client;

/// <summary>What a DDL or DML statement answered: the rows it changed (0 for DDL) and the notices it raised.</summary>
public sealed record FlightSqlUpdate(long RecordCount, IReadOnlyList<string> Notices);
