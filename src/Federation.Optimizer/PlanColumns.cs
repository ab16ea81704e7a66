using Federation.Functions;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;

namespace Federation.Optimizer;

/// <summary>Small helpers rules share about which columns plans produce and expressions read.</summary>
internal static class PlanColumns
{
    public static HashSet<int> Ids(LogicalPlan plan) => plan.Output.Select(c => c.Id).ToHashSet();

    public static bool IsDeterministic(Expr e) =>
        !ExprVisitor.Any(e, x => x is ScalarFunctionExpr { Binding.Function.Volatility: Volatility.Volatile } or ScalarSubqueryExpr or ExistsExpr or InSubqueryExpr or OuterColumnRef);
}
