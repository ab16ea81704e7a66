namespace Federation.Sql.Ast;

public abstract record Statement : SqlNode;

/// <summary>A query used as a statement: SELECT, VALUES, WITH ..., a set operation.</summary>
public sealed record QueryStatement(Query Query) : Statement;

/// <summary>EXPLAIN [ANALYZE] [VERBOSE] statement.</summary>
public sealed record ExplainStatement(Statement Statement, bool Analyze, bool Verbose) : Statement;

/// <summary>
/// CREATE [TEMP|TEMPORARY] TABLE [IF NOT EXISTS] name (column type [NOT NULL|NULL], ...)
/// or CREATE TABLE name [(column, ...)] AS query.
/// </summary>
public sealed record CreateTableStatement(
    ObjectName Name,
    IReadOnlyList<ColumnDefinition> Columns,
    bool IfNotExists,
    bool Temporary,
    Query? AsQuery,
    IReadOnlyList<Identifier>? AsColumnNames) : Statement;

/// <summary>A column of CREATE TABLE; <paramref name="Encoding"/> is Redshift's ENCODE attribute as written (RAW, AZ64, ZSTD...), or null.</summary>
public sealed record ColumnDefinition(Identifier Name, TypeName Type, bool NotNull, Identifier? Encoding = null) : SqlNode;

/// <summary>INSERT INTO name [(column, ...)] query, where the query is usually VALUES (...), (...).</summary>
public sealed record InsertStatement(ObjectName Table, IReadOnlyList<Identifier>? Columns, Query Source) : Statement;

/// <summary>DROP TABLE [IF EXISTS] name [, name ...] [CASCADE|RESTRICT].</summary>
/// <summary>TRUNCATE [TABLE] name [, ...]: removes every row of local tables.</summary>
public sealed record TruncateStatement(IReadOnlyList<ObjectName> Names) : Statement;

public sealed record DropTableStatement(IReadOnlyList<ObjectName> Names, bool IfExists, bool Cascade) : Statement;

/// <summary>SET [SESSION|LOCAL] name { = | TO } value, or SET name TO DEFAULT (Value null).</summary>
public sealed record SetStatement(Identifier Name, Expression? Value) : Statement
{
    /// <summary>SET LOCAL: the setting lasts only until the end of the current transaction.</summary>
    public bool Local { get; init; }
}

/// <summary>RESET name | RESET ALL (Name null).</summary>
public sealed record ResetStatement(Identifier? Name) : Statement;

/// <summary>SHOW name | SHOW ALL (Name null).</summary>
public sealed record ShowStatement(Identifier? Name) : Statement;
