using Federation.Physical.Expressions;

namespace Federation.Physical.Sorting;

/// <summary>A compiled ORDER BY key.</summary>
public sealed record SortField(PhysicalExpr Expr, bool Ascending, bool NullsFirst)
{
    public override string ToString() => $"{Expr} {(Ascending ? "ASC" : "DESC")} NULLS {(NullsFirst ? "FIRST" : "LAST")}";
}
