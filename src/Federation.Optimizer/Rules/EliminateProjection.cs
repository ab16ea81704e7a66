using Federation.Logical.Expressions;
using Federation.Logical.Plans;

namespace Federation.Optimizer.Rules;

/// <summary>
/// Removes projections that only pass their input's columns through in the same order, and merges a projection
/// into the projection below it when the inner one only renames or reorders columns.
/// </summary>
public sealed class EliminateProjection : ILogicalRule
{
    public string Name => "eliminate_projection";

    public ApplyOrder Order => ApplyOrder.TopDown;

    public LogicalPlan? Rewrite(LogicalPlan plan, OptimizerContext context)
    {
        if (plan is not Projection projection)
        {
            return null;
        }

        var input = projection.Input;
        var inputOutput = input.Output;
        if (projection.Items.Count == inputOutput.Count
            && projection.Items.Select((item, i) => item.Expr is ColumnRef c && c.Id == inputOutput[i].Id && item.Column.Id == c.Id).All(x => x))
        {
            return input;
        }

        if (input is Projection inner && inner.Items.All(i => i.Expr is ColumnRef or Literal))
        {
            var substitutions = inner.Items.ToDictionary(i => i.Column.Id, i => i.Expr);
            return projection with
            {
                Input = inner.Input,
                Items = projection.Items.Select(i => i with { Expr = ExprRewriter.ReplaceColumns(i.Expr, substitutions) }).ToArray(),
            };
        }

        return null;
    }
}
