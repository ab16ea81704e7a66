using Federation.Logical.Expressions;
using Federation.Logical.Plans;

namespace Federation.Logical.Statistics;

/// <summary>
/// Rough row-count estimates for join ordering and build-side choice: table statistics where known, textbook
/// selectivities for predicates, and the foreign-key assumption for equi-joins (the result is about as large
/// as the larger input after its filters).
/// </summary>
public static class CardinalityEstimator
{
    public const double UnknownTableRows = 1_000;

    public static double Estimate(LogicalPlan plan) => plan switch
    {
        TableScan scan => ScanRows(scan),
        Filter filter => Math.Max(1, Estimate(filter.Input) * Selectivity(filter.Predicate)),
        Projection p => Estimate(p.Input),
        Sort s => s.Fetch is { } fetch ? Math.Min(fetch, Estimate(s.Input)) : Estimate(s.Input),
        Limit l => l.Fetch is { } fetch ? Math.Min(fetch, Estimate(l.Input)) : Estimate(l.Input),
        WindowPlan w => Estimate(w.Input),
        Aggregate a => a.GroupBy.Count == 0 ? 1 : EstimateGroups(a),
        Union u => u.Sources.Sum(Estimate),
        ValuesPlan v => v.Rows.Count,
        EmptyRelation e => e.ProduceOneRow ? 1 : 0,
        Join j => EstimateJoin(j),
        _ => UnknownTableRows,
    };

    /// <summary>
    /// Groups of plain columns whose distinct counts are known number at most their product (a key column: as many
    /// groups as rows); otherwise a tenth of the input, the usual guess.
    /// </summary>
    private static double EstimateGroups(Aggregate aggregate)
    {
        var input = Estimate(aggregate.Input);
        var guess = Math.Max(1, input / 10);
        var domains = ColumnDomains.Of(aggregate.Input);
        var product = 1.0;
        foreach (var group in aggregate.GroupBy)
        {
            if (group.Expr is not ColumnRef c || !domains.TryGetValue(c.Column.Id, out var distinct))
            {
                return guess;
            }

            product *= distinct;
        }

        // A product near the input says nothing the guess does not: unknown counts default to the rows, and counts
        // taken from min/max ranges overstate sparse keys.
        return product < input / 2 ? Math.Max(1, product) : guess;
    }

    private static double ScanRows(TableScan scan)
    {
        var rows = Math.Max(1, (scan.Source.Statistics.RowCount ?? UnknownTableRows) * ScanSelectivity(scan));
        return scan.Fetch is { } fetch ? Math.Min(rows, fetch) : rows;
    }

    /// <summary>
    /// A semi join keeps the left rows whose key is among the right side's: about left × (right rows / distinct
    /// left keys) when the right side is a filtered subset of the keys.
    /// </summary>
    private static double SemiRows(Join join, double left, double right, IReadOnlyList<Expr> conjuncts)
    {
        var domains = ColumnDomains.Of(join.Left);
        foreach (var c in conjuncts)
        {
            if (c is BinaryExpr { Op: BinaryOp.Equal } eq)
            {
                foreach (var side in new[] { eq.Left, eq.Right })
                {
                    if (side is ColumnRef column && domains.TryGetValue(column.Id, out var distinct) && distinct > 0)
                    {
                        return left * Math.Min(1, right / distinct);
                    }
                }
            }
        }

        return left * 0.5;
    }

    /// <summary>
    /// Selectivity of a scan's filters using the table's column statistics where they help: ranges on one column
    /// are intersected and measured against [min, max]; equality is 1 / distinct values. Other filters use the
    /// textbook defaults.
    /// </summary>
    private static double ScanSelectivity(TableScan scan)
    {
        var statistics = scan.Source.Statistics;
        var sourceOf = scan.Columns.ToDictionary(c => c.Column.Id, c => c.SourceIndex);
        var ranges = new Dictionary<int, (double Low, double High)>();
        var selectivity = 1.0;
        foreach (var filter in scan.Filters)
        {
            if (filter is BinaryExpr { Left: ColumnRef column, Right: Literal literal } b && sourceOf.TryGetValue(column.Id, out var source)
                && statistics.Column(source) is { } stats && Numeric(stats.Min) is { } min && Numeric(stats.Max) is { } max && Numeric(literal.Value) is { } v)
            {
                switch (b.Op)
                {
                    case BinaryOp.Equal:
                        selectivity *= 1 / Math.Max(1, stats.DistinctCount ?? (statistics.RowCount ?? UnknownTableRows));
                        continue;
                    case BinaryOp.Less or BinaryOp.LessOrEqual or BinaryOp.Greater or BinaryOp.GreaterOrEqual:
                    {
                        var (low, high) = ranges.GetValueOrDefault(column.Id, (min, max));
                        if (b.Op is BinaryOp.Less or BinaryOp.LessOrEqual)
                        {
                            high = Math.Min(high, v);
                        }
                        else
                        {
                            low = Math.Max(low, v);
                        }

                        ranges[column.Id] = (low, high);
                        continue;
                    }
                }
            }

            if (filter is BinaryExpr { Left: ColumnRef eqColumn, Op: BinaryOp.Equal } && sourceOf.TryGetValue(eqColumn.Id, out var eqSource)
                && statistics.Column(eqSource)?.DistinctCount is { } distinct)
            {
                selectivity *= 1 / Math.Max(1, distinct);
                continue;
            }

            selectivity *= Selectivity(filter);
        }

        foreach (var (id, (low, high)) in ranges)
        {
            var stats = statistics.Column(sourceOf[id])!;
            var width = Numeric(stats.Max)!.Value - Numeric(stats.Min)!.Value;
            selectivity *= width <= 0 ? 1 : Math.Clamp((high - low) / width, 0.01, 1);
        }

        return selectivity;
    }

    private static double? Numeric(Federation.Common.Types.ScalarValue? value) => value?.Value switch
    {
        short or int or long or float or double or Int128 => value.AsDouble(),
        _ => null,
    };

    private static double EstimateJoin(Join join)
    {
        var left = Estimate(join.Left);
        var right = Estimate(join.Right);
        var conjuncts = Conjunctions.Split(join.Condition);
        var inner = conjuncts.Count == 0 ? left * right : ColumnDomains.JoinRows(left, right, conjuncts, ColumnDomains.Of(join));
        return join.Type switch
        {
            JoinType.Inner => Math.Max(1, inner),
            JoinType.Left => Math.Max(left, inner),
            JoinType.Right => Math.Max(right, inner),
            JoinType.Full => Math.Max(left + right, inner),
            JoinType.Semi => Math.Max(1, Math.Min(left, SemiRows(join, left, right, conjuncts))),
            JoinType.Anti => Math.Max(1, left * 0.5),
            _ => left,
        };
    }

    /// <summary>A pattern with a literal prefix ('forest%') picks few rows; '%word%' more; '%' all.</summary>
    private static double LikeSelectivity(LikeExpr like)
    {
        var s = like.Pattern is Literal { Value.Value: string pattern }
            ? pattern switch
            {
                "%" => 1.0,
                _ when !pattern.StartsWith('%') && !pattern.StartsWith('_') => 0.05,
                _ => 0.15,
            }
            : 0.25;
        return like.Negated ? 1 - s : s;
    }

    public static double Selectivity(IReadOnlyList<Expr> predicates)
    {
        var s = 1.0;
        foreach (var p in predicates)
        {
            s *= Selectivity(p);
        }

        return s;
    }

    public static double Selectivity(Expr predicate) => predicate switch
    {
        BinaryExpr { Op: BinaryOp.And } b => Selectivity(b.Left) * Selectivity(b.Right),
        BinaryExpr { Op: BinaryOp.Or } b => Math.Min(1, Selectivity(b.Left) + Selectivity(b.Right) - (Selectivity(b.Left) * Selectivity(b.Right))),
        BinaryExpr { Op: BinaryOp.Equal or BinaryOp.IsNotDistinctFrom } => 0.1,
        BinaryExpr { Op: BinaryOp.NotEqual or BinaryOp.IsDistinctFrom } => 0.9,
        BinaryExpr { Op: BinaryOp.Less or BinaryOp.LessOrEqual or BinaryOp.Greater or BinaryOp.GreaterOrEqual } => 0.33,
        NotExpr n => 1 - Selectivity(n.Input),
        InListExpr i => i.Negated ? 0.9 : Math.Min(0.5, 0.1 * i.List.Count),
        LikeExpr l => LikeSelectivity(l),
        IsNullExpr n => n.Negated ? 0.9 : 0.1,
        ExistsExpr or InSubqueryExpr => 0.5,
        Literal { Value.Value: true } => 1,
        Literal => 0,
        _ => 0.5,
    };
}
