namespace Federation.Sql.Ast;

public abstract record TableReference : SqlNode;

/// <summary>[schema.]table [[AS] alias [(column, ...)]].</summary>
public sealed record NamedTableReference(ObjectName Name, TableAlias? Alias) : TableReference;

/// <summary>[LATERAL] (query) [AS] alias [(column, ...)].</summary>
public sealed record DerivedTableReference(Query Query, TableAlias? Alias, bool Lateral) : TableReference;

/// <summary>function(args [, name => value ...]) [AS] alias, for example read_parquet('path') or read_csv('path', delim => '|').</summary>
public sealed record TableFunctionReference(ObjectName Name, IReadOnlyList<Expression> Arguments, TableAlias? Alias) : TableReference
{
    /// <summary>The arguments given by name (PostgreSQL's <c>name => value</c>, or DuckDB's <c>name = value</c>), after the positional ones.</summary>
    public IReadOnlyList<TableFunctionArgument> Named { get; init; } = [];
}

/// <summary>A table function argument given by name: <c>name => value</c>.</summary>
public sealed record TableFunctionArgument(Identifier Name, Expression Value) : SqlNode;

/// <summary>
/// left [NATURAL] [INNER|LEFT|RIGHT|FULL [OUTER]|CROSS] JOIN right [ON condition | USING (columns)].
/// A comma in FROM is not a join node: SelectBody.From holds one item per comma-separated entry.
/// </summary>
public sealed record JoinReference(
    TableReference Left,
    TableReference Right,
    JoinKind Kind,
    Expression? On,
    IReadOnlyList<Identifier>? Using,
    bool Natural) : TableReference;

public enum JoinKind
{
    Inner,
    Left,
    Right,
    Full,
    Cross,
}

public sealed record TableAlias(Identifier Name, IReadOnlyList<Identifier>? Columns) : SqlNode;
