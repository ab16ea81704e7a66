using Federation.Logical.Expressions;
using Federation.Logical.Plans;

namespace Federation.Logical;

/// <summary>
/// Rewrites correlated references inside a subquery plan (and its nested subqueries): the binder points them at
/// grouped columns, decorrelation at columns known to be equal.
/// </summary>
public static class OuterReferences
{
    public static LogicalPlan Remap(LogicalPlan plan, IReadOnlyDictionary<int, PlanColumn> replacements)
    {
        if (replacements.Count == 0)
        {
            return plan;
        }

        var inputs = plan.Inputs;
        var newInputs = inputs.Select(i => Remap(i, replacements)).ToArray();
        var changed = newInputs.Where((p, i) => !ReferenceEquals(p, inputs[i])).Any();
        var result = changed ? plan.WithInputs(newInputs) : plan;

        var expressions = result.Expressions;
        if (expressions.Count == 0)
        {
            return result;
        }

        var newExpressions = expressions.Select(e => RemapExpr(e, replacements)).ToArray();
        return newExpressions.Where((e, i) => !ReferenceEquals(e, expressions[i])).Any() ? result.WithExpressions(newExpressions) : result;
    }

    private static Expr RemapExpr(Expr expr, IReadOnlyDictionary<int, PlanColumn> replacements) => ExprRewriter.TransformUp(expr, e => e switch
    {
        OuterColumnRef o when replacements.TryGetValue(o.Column.Id, out var c) => new OuterColumnRef(c),
        ScalarSubqueryExpr s => s with { Plan = Remap(s.Plan, replacements) },
        ExistsExpr x => x with { Plan = Remap(x.Plan, replacements) },
        InSubqueryExpr i => i with { Plan = Remap(i.Plan, replacements) },
        _ => null,
    });
}
