using Federation.Common.Types;
using Federation.Logical.Plans;

namespace Federation.Logical.Expressions;

/// <summary>[NOT] EXISTS (subquery).</summary>
public sealed record ExistsExpr(LogicalPlan Plan, bool Negated) : Expr
{
    public override SqlType Type => SqlType.Boolean;

    public override bool Nullable => false;

    public override IReadOnlyList<Expr> Children => [];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => this;

    public override string ToString() => (Negated ? "NOT " : string.Empty) + "EXISTS (<subquery>)";
}
