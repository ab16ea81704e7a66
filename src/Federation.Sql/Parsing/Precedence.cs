namespace Federation.Sql.Parsing;

/// <summary>
/// Binding strength of expression operators, weakest first, as in PostgreSQL's grammar
/// (https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-PRECEDENCE).
/// </summary>
internal static class Precedence
{
    /// <summary>Below every operator: parse a whole expression.</summary>
    public const int Lowest = 0;

    public const int Or = 1;
    public const int And = 2;

    /// <summary>Prefix NOT: NOT a = b is NOT (a = b), NOT a AND b is (NOT a) AND b.</summary>
    public const int Not = 3;

    /// <summary>IS [NOT] NULL / TRUE / FALSE / UNKNOWN / DISTINCT FROM, ISNULL, NOTNULL.</summary>
    public const int Is = 4;

    /// <summary>= &lt;&gt; &lt; &gt; &lt;= &gt;= (non-associative: a = b = c is an error).</summary>
    public const int Comparison = 5;

    /// <summary>[NOT] LIKE, ILIKE, SIMILAR TO, BETWEEN, IN (non-associative).</summary>
    public const int PatternMatch = 6;

    /// <summary>Every other operator: ||, the regular expression operators ~ ~* !~ !~*, and ~~ ~~* !~~ !~~*.</summary>
    public const int Other = 7;

    public const int Additive = 8;
    public const int Multiplicative = 9;

    /// <summary>^ (exponentiation, left-associative): 2 * 3 ^ 2 is 2 * (3 ^ 2), 2 ^ 3 ^ 2 is (2 ^ 3) ^ 2.</summary>
    public const int Exponent = 10;

    /// <summary>AT TIME ZONE binds tighter than arithmetic but looser than unary minus.</summary>
    public const int AtTimeZone = 11;

    /// <summary>Prefix + and -: -a::int is -(a::int), -a * b is (-a) * b, -2 ^ 2 is (-2) ^ 2.</summary>
    public const int Unary = 12;

    /// <summary>:: type cast, the tightest binary operator.</summary>
    public const int Cast = 13;
}
