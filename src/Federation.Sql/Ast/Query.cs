namespace Federation.Sql.Ast;

/// <summary>
/// A full query expression: [WITH ...] body [ORDER BY ...] [LIMIT n|ALL] [OFFSET n].
/// Limit is null when absent or LIMIT ALL.
/// </summary>
public sealed record Query(
    WithClause? With,
    QueryBody Body,
    IReadOnlyList<OrderByItem> OrderBy,
    Expression? Limit,
    Expression? Offset) : SqlNode;

public sealed record WithClause(bool Recursive, IReadOnlyList<CommonTableExpression> Tables) : SqlNode;

/// <summary>name [(column, ...)] AS (query).</summary>
public sealed record CommonTableExpression(Identifier Name, IReadOnlyList<Identifier>? ColumnAliases, Query Query) : SqlNode;

public abstract record QueryBody : SqlNode;

/// <summary>
/// SELECT [DISTINCT | ALL] items [FROM ...] [WHERE ...] [GROUP BY ...] [HAVING ...] [WINDOW name AS (...), ...].
/// From is empty for a SELECT without FROM. GROUP BY items may be ordinals (NumberLiteral) or output aliases.
/// </summary>
public sealed record SelectBody(
    bool Distinct,
    IReadOnlyList<SelectItem> Items,
    IReadOnlyList<TableReference> From,
    Expression? Where,
    IReadOnlyList<Expression> GroupBy,
    Expression? Having,
    IReadOnlyList<NamedWindow> Windows) : QueryBody;

/// <summary>left UNION|INTERSECT|EXCEPT [ALL|DISTINCT] right. INTERSECT binds tighter than UNION/EXCEPT.</summary>
public sealed record SetOperationBody(SetOperator Operator, bool All, QueryBody Left, QueryBody Right) : QueryBody;

public enum SetOperator
{
    Union,
    Intersect,
    Except,
}

/// <summary>VALUES (e, ...), (e, ...).</summary>
public sealed record ValuesBody(IReadOnlyList<IReadOnlyList<Expression>> Rows) : QueryBody;

/// <summary>A parenthesised query inside a set operation or as a whole body: (SELECT ... ORDER BY ... LIMIT ...).</summary>
public sealed record NestedQueryBody(Query Query) : QueryBody;

public abstract record SelectItem : SqlNode;

/// <summary>expression [[AS] alias].</summary>
public sealed record ExpressionSelectItem(Expression Expression, Identifier? Alias) : SelectItem;

/// <summary>* or qualifier.*.</summary>
public sealed record WildcardSelectItem(ObjectName? Qualifier) : SelectItem;

/// <summary>expression [ASC|DESC] [NULLS FIRST|LAST]. NullsFirst null means the default for the direction.</summary>
public sealed record OrderByItem(Expression Expression, bool Descending, bool? NullsFirst) : SqlNode;

/// <summary>WINDOW name AS (spec).</summary>
public sealed record NamedWindow(Identifier Name, WindowSpecification Specification) : SqlNode;
