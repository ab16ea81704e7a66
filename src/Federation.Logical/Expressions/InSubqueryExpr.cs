using Federation.Common.Types;
using Federation.Logical.Plans;

namespace Federation.Logical.Expressions;

/// <summary>
/// input op ANY (subquery), or with Negated its complement NOT (input op ANY (subquery)); the subquery's one
/// output column has the input's type. IN is = ANY and NOT IN is NOT (= ANY); input op ALL (subquery) is bound
/// as NOT (input negop ANY (subquery)), so x &gt; ALL (q) is Negated with op &lt;=. With SQL's NULL rules: op ANY
/// is true when some row compares true, otherwise NULL when some comparison is NULL, otherwise false (and
/// false for an empty subquery).
/// </summary>
public sealed record InSubqueryExpr(Expr Input, LogicalPlan Plan, bool Negated, BinaryOp Op = BinaryOp.Equal) : Expr
{
    public override SqlType Type => SqlType.Boolean;

    public override bool Nullable => true;

    public override IReadOnlyList<Expr> Children => [Input];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => this with { Input = children[0] };

    public override string ToString() => (Op, Negated) switch
    {
        (BinaryOp.Equal, false) => $"{Input} IN (<subquery>)",
        (BinaryOp.Equal, true) => $"{Input} NOT IN (<subquery>)",
        (_, false) => $"{Input} {Op.Symbol()} ANY (<subquery>)",
        (_, true) => $"{Input} {Op.Negate()!.Value.Symbol()} ALL (<subquery>)",
    };
}
