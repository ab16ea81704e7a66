using Federation.Common;
using Federation.Common.Types;
using Federation.Execution;
using Federation.Logical;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Statistics;
using Federation.Physical.Expressions;
using Federation.Physical.Operators;
using Federation.Physical.Sorting;
using Federation.Physical.Tables;

namespace Federation.Physical.Planning;

/// <summary>
/// Turns an optimized logical plan into physical operators. Invariant: the operator for a logical node produces
/// exactly the node's output columns, in the same order, so expressions compile by column position.
/// </summary>
public sealed class PhysicalPlanner
{
    private readonly ExecutionOptions _options;

    /// <summary>Estimated groups above which the final aggregation runs partitioned.</summary>
    private const double ParallelFinalGroups = 10_000;
    private readonly Dictionary<CommonTable, PhysicalOperator> _sharedTables = new(ReferenceEqualityComparer.Instance);

    public PhysicalPlanner(ExecutionOptions options)
    {
        _options = options;
    }

    public PhysicalOperator Plan(LogicalPlan plan) => plan switch
    {
        TableScan scan => PlanScan(scan),
        ValuesPlan values => new ValuesExec(Fields(values.Output),
            values.Rows.Select(r => (IReadOnlyList<PhysicalExpr>)r.Select(e => ExprCompiler.Compile(e, new Dictionary<int, int>())).ToArray()).ToArray()),
        EmptyRelation empty => new EmptyExec(Fields(empty.Output), empty.ProduceOneRow),
        Projection projection => PlanProjection(projection),
        Filter filter => PlanFilter(filter),
        Aggregate aggregate => PlanAggregate(aggregate),
        Join join => PlanJoin(join),
        Sort sort => new SortExec(Plan(sort.Input), SortFields(sort.Keys, sort.Input.Output), sort.Fetch),
        Limit limit => PlanLimit(limit),
        Union union => new UnionExec(union.Sources.Select(Plan).ToArray(), Fields(union.Output)),
        WindowPlan window => PlanWindow(window),
        CteRef reference => new CteScanExec(reference.Table.Name, SharedTable(reference.Table), Fields(reference.Output), _options.TargetPartitions),
        _ => throw FederationException.Internal($"no physical plan for {plan.GetType().Name}"),
    };

    /// <summary>One physical plan per shared WITH query, whatever the number of references.</summary>
    private PhysicalOperator SharedTable(CommonTable table)
    {
        if (!_sharedTables.TryGetValue(table, out var plan))
        {
            plan = Plan(table.Plan);
            _sharedTables[table] = plan;
        }

        return plan;
    }

    public static IReadOnlyList<PhysicalField> Fields(IReadOnlyList<PlanColumn> columns) =>
        columns.Select(c => new PhysicalField(c.Name, c.Type.Kind == TypeKind.Null ? SqlType.String : c.Type, c.Nullable)).ToArray();

    private PhysicalOperator PlanScan(TableScan scan)
    {
        if (scan.Source is not ITableProvider provider)
        {
            throw FederationException.Internal($"table {scan.TableName} cannot be scanned");
        }

        return provider.Scan(ScanRequestFor(scan));
    }

    private ScanRequest ScanRequestFor(TableScan scan) => new(scan.Columns, scan.Filters, scan.Fetch, _options.TargetPartitions);

    private PhysicalOperator PlanProjection(Projection projection)
    {
        var input = Plan(projection.Input);
        var columns = ExprCompiler.IndexOf(projection.Input.Output);
        var exprs = projection.Items.Select(i => ExprCompiler.Compile(i.Expr, columns)).ToArray();
        return new ProjectionExec(input, exprs, Fields(projection.Output));
    }

    private PhysicalOperator PlanFilter(Filter filter)
    {
        var input = Plan(filter.Input);
        var columns = ExprCompiler.IndexOf(filter.Input.Output);
        return new FilterExec(input, ConjunctFilter.Compile(Conjunctions.Split(filter.Predicate), columns));
    }

    private PhysicalOperator PlanLimit(Limit limit)
    {
        var input = Plan(limit.Input);
        if (input.OutputPartitionCount > 1 && limit.Fetch is { } fetch)
        {
            // Each partition needs at most skip + fetch rows.
            input = new LocalLimitExec(input, limit.Skip + fetch);
        }

        return new LimitExec(input, limit.Skip, limit.Fetch);
    }

    private IReadOnlyList<SortField> SortFields(IReadOnlyList<SortKey> keys, IReadOnlyList<PlanColumn> input)
    {
        var columns = ExprCompiler.IndexOf(input);
        return keys.Select(k => new SortField(ExprCompiler.Compile(k.Expr, columns), k.Ascending, k.NullsFirst)).ToArray();
    }

    private PhysicalOperator PlanAggregate(Aggregate aggregate)
    {
        var input = Plan(aggregate.Input);
        var columns = ExprCompiler.IndexOf(aggregate.Input.Output);
        var groupExprs = aggregate.GroupBy.Select(g => ExprCompiler.Compile(g.Expr, columns)).ToArray();
        var calls = aggregate.Aggregates.Select(a => (AggregateExpr)a.Expr).ToArray();
        var outputFields = Fields(aggregate.Output);

        var ordered = calls.Where(c => c.OrderBy.Count > 0).ToArray();
        var mergeable = !calls.Any(c => c.Distinct || !c.Binding.SupportsPartial || c.OrderBy.Count > 0);
        if (ordered.Length > 0)
        {
            if (ordered.Select(c => string.Join(",", c.OrderBy.Select(k => ExprKey.Of(k.Expr) + k.Ascending + k.NullsFirst))).Distinct().Count() > 1)
            {
                throw FederationException.NotSupported("aggregates with different WITHIN GROUP orderings in one query");
            }

            // Rows reach the aggregate in the WITHIN GROUP order, so each group sees them in that order.
            input = new SortExec(input, SortFields(ordered[0].OrderBy, aggregate.Input.Output), null);
        }

        AggregateSpec Spec(AggregateExpr call, IReadOnlyList<int> stateColumns) => new(
            call.Binding.Name,
            call.Binding,
            call.Arguments.Select(a => ExprCompiler.Compile(a, columns)).ToArray(),
            call.Distinct,
            call.Filter is null ? null : ExprCompiler.Compile(call.Filter, columns),
            stateColumns);

        var estimatedGroups = groupExprs.Length == 0 ? 1 : CardinalityEstimator.Estimate(aggregate);
        // What the hash tables are sized for at first (HashAggregateExec caps it).
        var expectedGroups = (long)Math.Min(estimatedGroups, int.MaxValue);
        if (!mergeable)
        {
            return new HashAggregateExec(AggregateMode.Single, input, groupExprs, calls.Select(c => Spec(c, [])).ToArray(), outputFields,
                expectedGroups: expectedGroups);
        }


        // Partial per input partition, then Final over the coalesced states.
        var partialFields = new List<PhysicalField>(outputFields.Take(groupExprs.Length));
        var finalSpecs = new List<AggregateSpec>();
        var position = groupExprs.Length;
        for (var a = 0; a < calls.Length; a++)
        {
            var states = calls[a].Binding.StateTypes!;
            var stateColumns = new List<int>();
            for (var s = 0; s < states.Count; s++)
            {
                partialFields.Add(new PhysicalField($"{aggregate.Aggregates[a].Column.Name}[{s}]", states[s], true));
                stateColumns.Add(position++);
            }

            finalSpecs.Add(Spec(calls[a], stateColumns));
        }

        PhysicalOperator partial = new HashAggregateExec(AggregateMode.Partial, input, groupExprs, calls.Select(c => Spec(c, [])).ToArray(), partialFields,
            expectedGroups: expectedGroups);
        if (PartialAggregatePushdown.TryPush(aggregate, calls, partial, ScanRequestFor) is { } pushed)
        {
            // The source computes the partial states where it reads the rows (on workers): even one partition gains.
            partial = pushed;
        }
        else if (input.OutputPartitionCount == 1)
        {
            return new HashAggregateExec(AggregateMode.Single, input, groupExprs, calls.Select(c => Spec(c, [])).ToArray(), outputFields,
                expectedGroups: expectedGroups);
        }

        var finalGroups = groupExprs.Select((g, i) => (PhysicalExpr)new ColumnExpr(i, outputFields[i].Name, g.Type)).ToArray();
        if (groupExprs.Length > 0 && estimatedGroups > ParallelFinalGroups)
        {
            // Many groups: hash-partition the partial states so each final partition merges its own groups in parallel.
            var repartitioned = new RepartitionExec(partial, finalGroups, _options.TargetPartitions);
            return new HashAggregateExec(AggregateMode.Final, repartitioned, finalGroups, finalSpecs, outputFields, partitioned: true, expectedGroups);
        }

        return new HashAggregateExec(AggregateMode.Final, partial, finalGroups, finalSpecs, outputFields, expectedGroups: expectedGroups);
    }

    private PhysicalOperator PlanJoin(Join join)
    {
        var left = Plan(join.Left);
        var right = Plan(join.Right);
        var fields = Fields(join.Output);
        var leftIds = join.Left.Output.Select(c => c.Id).ToHashSet();
        var rightIds = join.Right.Output.Select(c => c.Id).ToHashSet();
        var leftColumns = ExprCompiler.IndexOf(join.Left.Output);
        var rightColumns = ExprCompiler.IndexOf(join.Right.Output);

        var leftKeys = new List<PhysicalExpr>();
        var rightKeys = new List<PhysicalExpr>();
        var nullsEqual = new List<bool>();
        var residual = new List<Expr>();
        foreach (var conjunct in Conjunctions.Split(join.Condition))
        {
            if (conjunct is BinaryExpr { Op: BinaryOp.Equal or BinaryOp.IsNotDistinctFrom } eq && eq.Left.Type.SameComputation(eq.Right.Type)
                && KeyType(eq.Left.Type))
            {
                // A constant side is fine (NULL NOT IN (subquery) has one), but not both.
                var bothConstant = ExprVisitor.IsConstant(eq.Left) && ExprVisitor.IsConstant(eq.Right);
                if (!bothConstant && ExprVisitor.OnlyReads(eq.Left, leftIds) && ExprVisitor.OnlyReads(eq.Right, rightIds))
                {
                    leftKeys.Add(ExprCompiler.Compile(eq.Left, leftColumns));
                    rightKeys.Add(ExprCompiler.Compile(eq.Right, rightColumns));
                    nullsEqual.Add(eq.Op == BinaryOp.IsNotDistinctFrom);
                    continue;
                }

                if (!bothConstant && ExprVisitor.OnlyReads(eq.Left, rightIds) && ExprVisitor.OnlyReads(eq.Right, leftIds))
                {
                    leftKeys.Add(ExprCompiler.Compile(eq.Right, leftColumns));
                    rightKeys.Add(ExprCompiler.Compile(eq.Left, rightColumns));
                    nullsEqual.Add(eq.Op == BinaryOp.IsNotDistinctFrom);
                    continue;
                }
            }

            residual.Add(conjunct);
        }

        // Residual conditions see the joined row: left columns then right columns.
        var joinedColumns = ExprCompiler.IndexOf([.. join.Left.Output, .. join.Right.Output]);
        var residualExpr = Conjunctions.Combine(residual) is { } r ? ExprCompiler.Compile(r, joinedColumns) : null;

        // The smaller input is built. A semi or anti join may build its kept (left) side too, unless NOT IN's
        // NULL rules apply; a mark join always builds the right side.
        var buildLeft = join.Type switch
        {
            JoinType.Mark => false,
            JoinType.Semi or JoinType.Anti when join.NullAware => false,
            _ => CardinalityEstimator.Estimate(join.Left) < CardinalityEstimator.Estimate(join.Right),
        };

        if (leftKeys.Count == 0)
        {
            if (join.NullAware)
            {
                throw FederationException.Internal("a null-aware join needs equality keys");
            }

            return new NestedLoopJoinExec(left, right, join.Type, buildLeft, residualExpr, fields);
        }

        var hashJoin = new HashJoinExec(left, right, join.Type, buildLeft, leftKeys, rightKeys, nullsEqual, residualExpr, join.NullAware, fields);

        // SET enable_dynamic_filters = off: no scan filters by the join's keys, here or on the workers.
        return _options.EnableDynamicFilters ? JoinKeyFilterPlacement.Place(hashJoin) : hashJoin;
    }

    private static bool KeyType(SqlType type) => type.Kind is not (TypeKind.Null);

    private PhysicalOperator PlanWindow(WindowPlan window)
    {
        var plan = Plan(window.Input);
        var current = window.Input.Output.ToList();
        var exprs = window.Functions.Select(f => (WindowExpr)f.Expr).ToArray();

        // Functions with the same PARTITION BY and ORDER BY share one sort and one window operator.
        var groups = exprs.Select((e, i) => (Expr: e, Index: i))
            .GroupBy(x => string.Join("|", x.Expr.PartitionBy.Select(ExprKey.Of)) + "#" + string.Join("|", x.Expr.OrderBy.Select(k => ExprKey.Of(k.Expr) + k.Ascending + k.NullsFirst)))
            .ToArray();
        foreach (var group in groups)
        {
            var first = group.First().Expr;
            var columns = ExprCompiler.IndexOf(current);
            var partitionBy = first.PartitionBy.Select(p => ExprCompiler.Compile(p, columns)).ToArray();
            var orderBy = first.OrderBy.Select(k => new SortField(ExprCompiler.Compile(k.Expr, columns), k.Ascending, k.NullsFirst)).ToArray();
            var sortKeys = partitionBy.Select(p => new SortField(p, true, false)).Concat(orderBy).ToArray();
            if (sortKeys.Length > 0)
            {
                plan = new SortExec(plan, sortKeys, null);
            }

            var specs = group.Select(x => new WindowFunctionSpec(x.Expr.Kind, x.Expr.Aggregate,
                x.Expr.Arguments.Select(a => ExprCompiler.Compile(a, columns)).ToArray(), x.Expr.Frame, x.Expr.Type, x.Expr.ToString())).ToArray();
            var newColumns = group.Select(x => window.Functions[x.Index].Column).ToArray();
            current.AddRange(newColumns);
            plan = new WindowExec(plan, partitionBy, orderBy, specs, Fields(current));
        }

        // Restore the logical column order (input columns, then functions in their listed order).
        var output = window.Output;
        if (!output.Select(c => c.Id).SequenceEqual(current.Select(c => c.Id)))
        {
            var index = ExprCompiler.IndexOf(current);
            plan = new ProjectionExec(plan, output.Select(c => (PhysicalExpr)new ColumnExpr(index[c.Id], c.Name, c.Type)).ToArray(), Fields(output));
        }

        return plan;
    }
}
