using Federation.Common.Types;
using Federation.Logical.Plans;

namespace Federation.Logical.Expressions;

/// <summary>input [NOT] IN (subquery); the subquery's one output column has the input's type.</summary>
public sealed record InSubqueryExpr(Expr Input, LogicalPlan Plan, bool Negated) : Expr
{
    public override SqlType Type => SqlType.Boolean;

    public override bool Nullable => true;

    public override IReadOnlyList<Expr> Children => [Input];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => this with { Input = children[0] };

    public override string ToString() => $"{Input} {(Negated ? "NOT IN" : "IN")} (<subquery>)";
}
