using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Physical.Tables;

namespace Federation.Physical.Planning;

/// <summary>
/// Offers the partial half of an aggregate to the table it reads, when nothing but filters and projections lie
/// between them: an aggregate over <c>Projection → Filter → TableScan</c> of an <see cref="IPartialAggregateProvider"/>
/// is restated over the scan's columns (projections substituted, every filter collected) and the provider may compute
/// it where it reads the rows (external tables: on the workers, per fragment). The final half stays where it was.
/// </summary>
internal static class PartialAggregatePushdown
{
    /// <param name="aggregate">The logical aggregate; its calls all have partial states.</param>
    /// <param name="local">The partial aggregate as planned here, over the plain scan.</param>
    /// <param name="request">Builds the scan request the plain scan was planned with.</param>
    public static PhysicalOperator? TryPush(Aggregate aggregate, IReadOnlyList<AggregateExpr> calls, PhysicalOperator local,
        Func<TableScan, ScanRequest> request)
    {
        var groupBy = new Expr[aggregate.GroupBy.Count];
        for (var g = 0; g < groupBy.Length; g++)
        {
            groupBy[g] = aggregate.GroupBy[g].Expr;
        }

        var aggregates = new AggregateExpr[calls.Count];
        for (var a = 0; a < aggregates.Length; a++)
        {
            aggregates[a] = calls[a];
        }

        var filters = new List<Expr>();
        var node = aggregate.Input;
        while (true)
        {
            switch (node)
            {
                case Projection projection:
                    var replacements = new Dictionary<int, Expr>(projection.Items.Count);
                    foreach (var item in projection.Items)
                    {
                        replacements[item.Column.Id] = item.Expr;
                    }

                    Substitute(groupBy, aggregates, filters, replacements);
                    node = projection.Input;
                    continue;
                case Filter filter:
                    filters.AddRange(Conjunctions.Split(filter.Predicate));
                    node = filter.Input;
                    continue;
                case TableScan { Source: IPartialAggregateProvider provider, Fetch: null } scan:
                    // The scan's own filters are the ones pushed from the Filter above (already collected) unless the
                    // source took them as exact; either way they hold for every row aggregated.
                    var known = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var filter in filters)
                    {
                        known.Add(ExprKey.Of(filter));
                    }

                    foreach (var pushed in scan.Filters)
                    {
                        if (known.Add(ExprKey.Of(pushed)))
                        {
                            filters.Add(pushed);
                        }
                    }

                    return provider.ScanPartialAggregate(request(scan), new PartialAggregation(filters, groupBy, aggregates), local);
                default:
                    return null;
            }
        }
    }

    private static void Substitute(Expr[] groupBy, AggregateExpr[] aggregates, List<Expr> filters, Dictionary<int, Expr> replacements)
    {
        for (var g = 0; g < groupBy.Length; g++)
        {
            groupBy[g] = ExprRewriter.ReplaceColumns(groupBy[g], replacements);
        }

        for (var a = 0; a < aggregates.Length; a++)
        {
            var call = aggregates[a];
            var arguments = new Expr[call.Arguments.Count];
            for (var i = 0; i < arguments.Length; i++)
            {
                arguments[i] = ExprRewriter.ReplaceColumns(call.Arguments[i], replacements);
            }

            aggregates[a] = call with { Arguments = arguments, Filter = call.Filter is null ? null : ExprRewriter.ReplaceColumns(call.Filter, replacements) };
        }

        for (var f = 0; f < filters.Count; f++)
        {
            filters[f] = ExprRewriter.ReplaceColumns(filters[f], replacements);
        }
    }
}
