using Federation.Common.Types;
using Federation.Logical.Plans;

namespace Federation.Logical.Expressions;

/// <summary>(subquery) as a value: its plan has one output column and must return at most one row.</summary>
public sealed record ScalarSubqueryExpr(LogicalPlan Plan) : Expr
{
    public override SqlType Type => Plan.Output[0].Type;

    public override bool Nullable => true;

    public override IReadOnlyList<Expr> Children => [];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => this;

    public override string ToString() => "(<subquery>)";
}
