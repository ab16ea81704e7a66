using Federation.Logical.Plans;

namespace Federation.Optimizer.Rules;

/// <summary>
/// LIMIT over ORDER BY becomes a top-N sort; a limit passes through projections, into each union branch,
/// and into a scan without filters (the scan may stop early). The limit itself stays where it was.
/// </summary>
public sealed class PushDownLimit : ILogicalRule
{
    public string Name => "push_down_limit";

    public ApplyOrder Order => ApplyOrder.TopDown;

    public LogicalPlan? Rewrite(LogicalPlan plan, OptimizerContext context)
    {
        if (plan is not Limit { Fetch: { } fetch } limit)
        {
            return null;
        }

        var needed = limit.Skip + fetch;
        var input = PushInto(limit.Input, needed);
        return input is null ? null : limit with { Input = input };
    }

    private static LogicalPlan? PushInto(LogicalPlan plan, long needed) => plan switch
    {
        Sort sort when sort.Fetch is null || sort.Fetch > needed => sort with { Fetch = needed },
        Limit inner when inner.Fetch is null || inner.Skip + inner.Fetch > needed => inner with { Fetch = Math.Max(0, needed - inner.Skip) },
        Projection projection => PushInto(projection.Input, needed) is { } input ? projection with { Input = input } : null,
        Union union => union with { Sources = union.Sources.Select(s => s is Limit ? s : new Limit(s, 0, needed)).ToArray() } is var u
            && union.Sources.Any(s => s is not Limit) ? u : null,
        TableScan { Filters.Count: 0 } scan when scan.Fetch is null || scan.Fetch > needed => scan with { Fetch = needed },
        _ => null,
    };
}
