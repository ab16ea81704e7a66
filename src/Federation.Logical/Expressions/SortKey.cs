namespace Federation.Logical.Expressions;

/// <summary>One ORDER BY key. PostgreSQL's default: NULLS LAST when ascending, NULLS FIRST when descending.</summary>
public sealed record SortKey(Expr Expr, bool Ascending, bool NullsFirst)
{
    public SortKey WithExpr(Expr expr) => this with { Expr = expr };

    public override string ToString() =>
        $"{Expr} {(Ascending ? "ASC" : "DESC")} NULLS {(NullsFirst ? "FIRST" : "LAST")}";
}
