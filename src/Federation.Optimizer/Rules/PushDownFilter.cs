using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Tables;

namespace Federation.Optimizer.Rules;

/// <summary>
/// Moves predicates as close to the data as they can go: through projections (substituting the projected
/// expressions), into the inputs of joins (respecting which side an outer join preserves), into join
/// conditions (a comma join plus WHERE a.x = b.y becomes an equi-join), below aggregates (predicates on group
/// keys), into each branch of a union, and into table scans (the source says whether it applies them exactly).
/// </summary>
public sealed class PushDownFilter : ILogicalRule
{
    public string Name => "push_down_filter";

    public ApplyOrder Order => ApplyOrder.Whole;

    public LogicalPlan? Rewrite(LogicalPlan plan, OptimizerContext context)
    {
        var result = Push(plan, []);
        return ReferenceEquals(result, plan) ? null : result;
    }

    private static LogicalPlan Push(LogicalPlan plan, List<Expr> predicates)
    {
        switch (plan)
        {
            case Filter filter:
                return Push(filter.Input, [.. predicates, .. Conjunctions.Split(filter.Predicate)]);

            case Projection projection:
            {
                var substitutions = new Dictionary<int, Expr>();
                foreach (var item in projection.Items)
                {
                    substitutions[item.Column.Id] = item.Expr;
                }

                var below = new List<Expr>();
                var above = new List<Expr>();
                foreach (var p in predicates)
                {
                    var ids = ExprVisitor.ColumnIds(p);
                    var movable = ExprVisitor.IsDeterministic(p) && ids.All(id => substitutions.TryGetValue(id, out var e) && ExprVisitor.IsDeterministic(e)
                        && !ExprVisitor.ContainsWindow(e) && !ExprVisitor.ContainsAggregate(e));
                    if (movable)
                    {
                        below.Add(ExprRewriter.ReplaceColumns(p, substitutions));
                    }
                    else
                    {
                        above.Add(p);
                    }
                }

                var input = Push(projection.Input, below);
                return Wrap(ReferenceEquals(input, projection.Input) ? projection : projection with { Input = input }, above);
            }

            case Join join:
                return PushIntoJoin(join, predicates);

            case Aggregate aggregate:
            {
                var substitutions = new Dictionary<int, Expr>();
                foreach (var g in aggregate.GroupBy)
                {
                    substitutions[g.Column.Id] = g.Expr;
                }

                var below = new List<Expr>();
                var above = new List<Expr>();
                foreach (var p in predicates)
                {
                    var ids = ExprVisitor.ColumnIds(p);
                    // A predicate on group keys only keeps or drops whole groups: it can filter the input instead.
                    if (aggregate.GroupBy.Count > 0 && ExprVisitor.IsDeterministic(p) && ids.All(substitutions.ContainsKey))
                    {
                        below.Add(ExprRewriter.ReplaceColumns(p, substitutions));
                    }
                    else
                    {
                        above.Add(p);
                    }
                }

                var input = Push(aggregate.Input, below);
                return Wrap(ReferenceEquals(input, aggregate.Input) ? aggregate : aggregate with { Input = input }, above);
            }

            case Sort { Fetch: null } sort:
            {
                var input = Push(sort.Input, predicates);
                return ReferenceEquals(input, sort.Input) ? sort : sort with { Input = input };
            }

            case Union union:
            {
                var sources = new List<LogicalPlan>();
                foreach (var source in union.Sources)
                {
                    var mapping = new Dictionary<int, Expr>();
                    for (var i = 0; i < union.Columns.Count; i++)
                    {
                        mapping[union.Columns[i].Id] = new ColumnRef(source.Output[i]);
                    }

                    sources.Add(Push(source, predicates.Where(ExprVisitor.IsDeterministic).Select(p => ExprRewriter.ReplaceColumns(p, mapping)).ToList()));
                }

                var rebuilt = union with { Sources = sources };
                return Wrap(rebuilt, predicates.Where(p => !ExprVisitor.IsDeterministic(p)).ToList());
            }

            case TableScan scan:
                return PushIntoScan(scan, predicates);

            default:
            {
                // Other nodes keep the predicates above, and filters below them are pushed on their own.
                var inputs = plan.Inputs;
                var newInputs = inputs.Select(i => Push(i, [])).ToArray();
                var rebuilt = newInputs.Where((p, i) => !ReferenceEquals(p, inputs[i])).Any() ? plan.WithInputs(newInputs) : plan;
                return Wrap(rebuilt, predicates);
            }
        }
    }

    private static LogicalPlan Wrap(LogicalPlan plan, List<Expr> predicates) =>
        Conjunctions.Combine(Dedupe(predicates)) is { } predicate ? new Filter(plan, predicate) : plan;

    private static List<Expr> Dedupe(List<Expr> predicates)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return predicates.Where(p => seen.Add(ExprKey.Of(p))).ToList();
    }

    private static LogicalPlan PushIntoJoin(Join join, List<Expr> predicates)
    {
        var leftIds = PlanColumns.Ids(join.Left);
        var rightIds = PlanColumns.Ids(join.Right);
        var toLeft = new List<Expr>();
        var toRight = new List<Expr>();
        var condition = new List<Expr>();
        var above = new List<Expr>();
        var onConjuncts = Conjunctions.Split(join.Condition);

        bool OnlyLeft(Expr e) => ExprVisitor.OnlyReads(e, leftIds) && ExprVisitor.IsDeterministic(e);
        bool OnlyRight(Expr e) => ExprVisitor.OnlyReads(e, rightIds) && ExprVisitor.IsDeterministic(e);

        switch (join.Type)
        {
            case JoinType.Inner:
                foreach (var p in predicates.Concat(onConjuncts).Concat(DerivedSideFilters(predicates.Concat(onConjuncts), leftIds, rightIds)))
                {
                    if (OnlyLeft(p))
                    {
                        toLeft.Add(p);
                    }
                    else if (OnlyRight(p))
                    {
                        toRight.Add(p);
                    }
                    else if (ExprVisitor.IsDeterministic(p))
                    {
                        condition.Add(p);
                    }
                    else
                    {
                        above.Add(p);
                    }
                }

                break;

            case JoinType.Left or JoinType.Semi or JoinType.Anti or JoinType.Mark:
                foreach (var p in predicates)
                {
                    var markFree = join.MarkColumn is null || !ExprVisitor.ColumnIds(p).Contains(join.MarkColumn.Id);
                    if (OnlyLeft(p) && markFree)
                    {
                        toLeft.Add(p);
                    }
                    else
                    {
                        above.Add(p);
                    }
                }

                foreach (var p in onConjuncts)
                {
                    // A null-aware join's condition is the IN equality, whose NULLs it must see: 1 IN (SELECT id ...)
                    // reads only the subquery, but filtering the subquery by it would hide the NULL ids that make the
                    // answer NULL rather than false.
                    if (OnlyRight(p) && !join.NullAware)
                    {
                        toRight.Add(p);
                    }
                    else if (OnlyLeft(p) && join.Type == JoinType.Semi)
                    {
                        toLeft.Add(p);
                    }
                    else
                    {
                        condition.Add(p);
                    }
                }

                break;

            case JoinType.Right:
                foreach (var p in predicates)
                {
                    if (OnlyRight(p))
                    {
                        toRight.Add(p);
                    }
                    else
                    {
                        above.Add(p);
                    }
                }

                foreach (var p in onConjuncts)
                {
                    if (OnlyLeft(p))
                    {
                        toLeft.Add(p);
                    }
                    else
                    {
                        condition.Add(p);
                    }
                }

                break;

            default: // Full: nothing moves.
                above.AddRange(predicates);
                condition.AddRange(onConjuncts);
                break;
        }

        var left = Push(join.Left, toLeft);
        var right = Push(join.Right, toRight);
        var rebuilt = join with { Left = left, Right = right, Condition = Conjunctions.Combine(Dedupe(condition)) };
        return Wrap(rebuilt, above);
    }

    /// <summary>
    /// From an OR over both inputs, (a1 AND b1) OR (a2 AND b2), the weaker a1 OR a2 holds for the left input alone
    /// (and b1 OR b2 for the right): pushed down, they filter each side before the join; the OR itself stays.
    /// </summary>
    private static IEnumerable<Expr> DerivedSideFilters(IEnumerable<Expr> conjuncts, HashSet<int> leftIds, HashSet<int> rightIds)
    {
        foreach (var conjunct in conjuncts)
        {
            if (conjunct is not BinaryExpr { Op: BinaryOp.Or } || !ExprVisitor.IsDeterministic(conjunct))
            {
                continue;
            }

            var branches = Conjunctions.SplitDisjunction(conjunct).Select(Conjunctions.Split).ToList();
            foreach (var ids in new[] { leftIds, rightIds })
            {
                var perBranch = branches.Select(b => Conjunctions.Combine(b.Where(c => ExprVisitor.OnlyReads(c, ids)))).ToList();
                if (perBranch.All(p => p is not null) && ExprVisitor.ColumnIds(conjunct).Any(id => !ids.Contains(id)))
                {
                    yield return Conjunctions.CombineOr(perBranch!);
                }
            }
        }
    }

    private static LogicalPlan PushIntoScan(TableScan scan, List<Expr> predicates)
    {
        var scanIds = PlanColumns.Ids(scan);
        var pushed = new List<Expr>(scan.Filters);
        var above = new List<Expr>();
        var existing = scan.Filters.Select(ExprKey.Of).ToHashSet(StringComparer.Ordinal);
        foreach (var p in predicates)
        {
            if (!ExprVisitor.OnlyReads(p, scanIds) || !ExprVisitor.IsDeterministic(p))
            {
                above.Add(p);
                continue;
            }

            var support = scan.Source.SupportsFilter(p, scan.Columns);
            if (support != FilterPushdown.Unsupported && existing.Add(ExprKey.Of(p)))
            {
                pushed.Add(p);
            }

            if (support != FilterPushdown.Exact)
            {
                above.Add(p);
            }
        }

        var rebuilt = pushed.Count == scan.Filters.Count ? scan : scan with { Filters = pushed };
        return Wrap(rebuilt, above);
    }
}
