namespace Federation.Sql.Ast;

public abstract record Expression : SqlNode;

/// <summary>a, t.a, s.t.a (parts as written, already case-folded).</summary>
public sealed record ColumnReference(IReadOnlyList<Identifier> Parts) : Expression
{
    public override string ToString() => string.Join(".", Parts);
}

/// <summary>
/// A numeric literal exactly as written (without sign): "42", "3.14", ".5", "1e10", "1.5E-3".
/// The binder decides its type: integer when it has no '.' or exponent, decimal with a '.', double with an exponent.
/// </summary>
public sealed record NumberLiteral(string Text) : Expression;

/// <summary>'text' (quotes removed, '' unescaped), E'...' escapes resolved, and $$...$$ strings.</summary>
public sealed record StringLiteral(string Value) : Expression;

public sealed record BooleanLiteral(bool Value) : Expression;

public sealed record NullLiteral : Expression;

/// <summary>A typed string literal: DATE '2024-01-31', TIMESTAMP '...', TIMESTAMPTZ '...', DECIMAL '1.5', and so on.</summary>
public sealed record TypedLiteral(TypeName Type, string Value) : Expression;

/// <summary>
/// INTERVAL '3' DAY, INTERVAL '1 day 2 hours', INTERVAL '1-2' YEAR TO MONTH.
/// LeadingField/TrailingField are the lower-case field words (year, month, day, hour, minute, second) or null.
/// Redshift's unquoted form INTERVAL 3 DAY is accepted too (Value "3").
/// </summary>
public sealed record IntervalLiteral(string Value, string? LeadingField, string? TrailingField) : Expression;

/// <summary>$1, $2, ... (1-based).</summary>
public sealed record ParameterReference(int Index) : Expression;

public enum UnaryOperator
{
    Plus,
    Minus,
    Not,

    /// <summary>Prefix @ (PostgreSQL and Redshift): absolute value.</summary>
    AbsoluteValue,
}

public sealed record UnaryExpression(UnaryOperator Operator, Expression Operand) : Expression;

public enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    Concat,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    And,
    Or,
    IsDistinctFrom,
    IsNotDistinctFrom,

    /// <summary>^ (PostgreSQL and Redshift): exponentiation.</summary>
    Power,
}

public sealed record BinaryExpression(BinaryOperator Operator, Expression Left, Expression Right) : Expression;

/// <summary>x IS [NOT] NULL (also ISNULL / NOTNULL).</summary>
public sealed record IsNullExpression(Expression Operand, bool Negated) : Expression;

/// <summary>x IS [NOT] TRUE | FALSE | UNKNOWN. Value null means UNKNOWN.</summary>
public sealed record IsBooleanExpression(Expression Operand, bool? Value, bool Negated) : Expression;

/// <summary>x [NOT] BETWEEN [SYMMETRIC] low AND high.</summary>
public sealed record BetweenExpression(Expression Operand, Expression Low, Expression High, bool Negated, bool Symmetric) : Expression;

/// <summary>x [NOT] LIKE|ILIKE pattern [ESCAPE e]. Also ~~, ~~*, !~~, !~~* operators.</summary>
public sealed record LikeExpression(Expression Operand, Expression Pattern, Expression? Escape, bool CaseInsensitive, bool Negated) : Expression;

/// <summary>x [NOT] SIMILAR TO pattern, and the regular expression operators ~, ~*, !~, !~* (Similar false).</summary>
public sealed record RegexMatchExpression(Expression Operand, Expression Pattern, bool CaseInsensitive, bool Negated, bool Similar) : Expression;

/// <summary>x [NOT] IN (e, ...).</summary>
public sealed record InListExpression(Expression Operand, IReadOnlyList<Expression> List, bool Negated) : Expression;

/// <summary>x [NOT] IN (subquery).</summary>
public sealed record InSubqueryExpression(Expression Operand, Query Subquery, bool Negated) : Expression;

/// <summary>EXISTS (subquery). NOT EXISTS is UnaryExpression(Not, ExistsExpression).</summary>
public sealed record ExistsExpression(Query Subquery) : Expression;

/// <summary>(subquery) used as a value.</summary>
public sealed record ScalarSubqueryExpression(Query Subquery) : Expression;

public enum Quantifier
{
    Any,
    All,
}

/// <summary>x op ANY|SOME|ALL (subquery).</summary>
public sealed record QuantifiedComparisonExpression(BinaryOperator Operator, Expression Left, Quantifier Quantifier, Query Subquery) : Expression;

/// <summary>CASE [operand] WHEN ... THEN ... [ELSE ...] END.</summary>
public sealed record CaseExpression(Expression? Operand, IReadOnlyList<WhenClause> Whens, Expression? Else) : Expression;

public sealed record WhenClause(Expression Condition, Expression Result) : SqlNode;

/// <summary>CAST(x AS type), x::type, and TRY_CAST (IsTry) where supported.</summary>
public sealed record CastExpression(Expression Operand, TypeName Type, bool IsTry) : Expression;

/// <summary>
/// name(args) [WITHIN GROUP (ORDER BY ...)] [FILTER (WHERE ...)] [OVER (...)|OVER name].
/// COUNT(*) has Star true and no arguments. Special syntaxes are normalised into calls:
/// EXTRACT(field FROM x) and DATE_PART are ("date_part", ['field', x]); SUBSTRING(x FROM a FOR b) is
/// ("substring", [x, a, b]); POSITION(a IN b) is ("position", [a, b]); TRIM([BOTH|LEADING|TRAILING] [chars] FROM x)
/// is ("btrim"|"ltrim"|"rtrim", [x] or [x, chars]); CURRENT_DATE, CURRENT_TIMESTAMP, SYSDATE, LOCALTIMESTAMP are
/// zero-argument calls of those lower-case names; COALESCE, NULLIF, GREATEST, LEAST are ordinary calls.
/// In EXTRACT the field is passed as a StringLiteral with the lower-case field name.
/// Arguments may be bare identifiers where the dialect uses date-part words (DATEADD(day, 1, d)):
/// the parser leaves those as ColumnReference and the binder interprets them.
/// </summary>
public sealed record FunctionCall(
    ObjectName Name,
    IReadOnlyList<Expression> Arguments,
    bool Distinct,
    bool Star,
    IReadOnlyList<OrderByItem> WithinGroupOrderBy,
    Expression? Filter,
    WindowSpecification? Over) : Expression;

/// <summary>
/// OVER (...) or OVER name. BaseWindowName is set for OVER name and for OVER (name ORDER BY ...).
/// </summary>
public sealed record WindowSpecification(
    Identifier? BaseWindowName,
    IReadOnlyList<Expression> PartitionBy,
    IReadOnlyList<OrderByItem> OrderBy,
    WindowFrame? Frame) : SqlNode;

public enum WindowFrameUnits
{
    Rows,
    Range,
}

/// <summary>ROWS|RANGE start, or ROWS|RANGE BETWEEN start AND end (End is CURRENT ROW when only start is given).</summary>
public sealed record WindowFrame(WindowFrameUnits Units, FrameBound Start, FrameBound End) : SqlNode;

public enum FrameBoundKind
{
    UnboundedPreceding,
    Preceding,
    CurrentRow,
    Following,
    UnboundedFollowing,
}

/// <summary>A frame edge; Offset is set for n PRECEDING / n FOLLOWING.</summary>
public sealed record FrameBound(FrameBoundKind Kind, Expression? Offset) : SqlNode;
