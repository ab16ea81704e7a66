namespace Federation.SqlLogic;

/// <summary>One record of a .slt file.</summary>
public abstract record SltRecord(int Line);

/// <summary>statement ok / statement error [pattern].</summary>
public sealed record SltStatement(int Line, string Sql, bool ExpectError, string? ErrorPattern) : SltRecord(Line);

/// <summary>query &lt;types&gt; [sort mode] [label], the SQL, ----, the expected rows (or "N values hashing to md5").</summary>
public sealed record SltQuery(int Line, string Sql, string Types, SltSortMode SortMode, string? Label, IReadOnlyList<string> Expected, bool ExpectError, string? ErrorPattern) : SltRecord(Line);

/// <summary>hash-threshold N.</summary>
public sealed record SltHashThreshold(int Line, int Threshold) : SltRecord(Line);

/// <summary>halt: stop running the file here.</summary>
public sealed record SltHalt(int Line) : SltRecord(Line);

public enum SltSortMode
{
    NoSort,
    RowSort,
    ValueSort,
}
