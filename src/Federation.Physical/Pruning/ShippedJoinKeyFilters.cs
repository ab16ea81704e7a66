using Federation.Common.Types;
using Federation.Execution;
using Federation.Logical;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;

namespace Federation.Physical.Pruning;

/// <summary>
/// Dynamic join filters in the form a worker evaluates: a scan whose files are read elsewhere cannot hand its
/// <see cref="JoinKeyFilter"/>s' hash tables along, so each published filter's keys become plain filters over the
/// probe columns (<see cref="JoinKeySummary"/>): <c>col &gt;= min</c> and <c>col &lt;= max</c> (<c>col = v</c> for one
/// key), which also let the worker skip row groups by their min/max statistics, and <c>col IN (...)</c> when the
/// build side has at most <see cref="JoinKeySummary.MaxDistinctValues"/> distinct keys.
/// <para>
/// Each is exact: it drops only rows whose key no build row equals, and the join gets a filter only when it discards
/// such rows (<see cref="Operators.JoinExec.DiscardsUnmatchedProbeRows"/>). Where the join matches a NULL probe key
/// with a NULL build key (IS NOT DISTINCT FROM) and the build side has one, the column's filter keeps NULLs
/// (<c>... OR col IS NULL</c>). A column gets nothing when the build key and probe column differ in type (their
/// literals would compare differently) or the type's order is not shared by the worker's kernels
/// (<see cref="JoinKeyColumnSummary.Summarized"/>), and nothing when no build key is non-null: the join then returns
/// no rows for it and never even reads its probe side, so shipping an always-false filter would gain nothing.
/// </para>
/// </summary>
public static class ShippedJoinKeyFilters
{
    /// <summary>
    /// The filters for every join key filter of a scan whose build side has published by now, over the scan's
    /// <paramref name="columns"/> (the filters' column positions index them).
    /// </summary>
    public static IReadOnlyList<Expr> For(IReadOnlyList<(JoinKeyFilter Filter, IReadOnlyList<int> Columns)> filters, IReadOnlyList<ScanColumn> columns,
        TaskContext context)
    {
        var shipped = new List<Expr>();
        foreach (var (filter, positions) in filters)
        {
            if (filter.SlotFor(context).Summary is not { } summary)
            {
                continue;
            }

            for (var k = 0; k < positions.Count; k++)
            {
                shipped.AddRange(For(summary.Columns[k], columns[positions[k]].Column));
            }
        }

        return shipped;
    }

    /// <summary>The conjuncts that keep only rows of <paramref name="column"/> that can match one of <paramref name="keys"/>.</summary>
    public static IReadOnlyList<Expr> For(JoinKeyColumnSummary keys, PlanColumn column)
    {
        if (!keys.Summarized || !keys.Type.SameComputation(column.Type) || column.Type.IsChar)
        {
            return [];
        }

        var input = new ColumnRef(column);
        var conjuncts = new List<Expr>(3);
        if (keys.Min is { } min && keys.Max is { } max)
        {
            if (min.CompareTo(max) == 0)
            {
                conjuncts.Add(Compare(BinaryOp.Equal, input, min, column.Type));
            }
            else
            {
                conjuncts.Add(Compare(BinaryOp.GreaterOrEqual, input, min, column.Type));
                conjuncts.Add(Compare(BinaryOp.LessOrEqual, input, max, column.Type));
                if (keys.Values is { Count: > 1 } values)
                {
                    var list = new Expr[values.Count];
                    for (var i = 0; i < list.Length; i++)
                    {
                        list[i] = Value(values[i], column.Type);
                    }

                    conjuncts.Add(new InListExpr(input, list, false));
                }
            }
        }

        if (!keys.NullMatches)
        {
            return conjuncts;
        }

        // NULL finds NULL: one filter, the keys' test or IS NULL (a conjunct apart would drop the NULLs).
        Expr nulls = new IsNullExpr(input, false);
        if (conjuncts.Count == 0)
        {
            return [nulls];
        }

        var test = conjuncts[0];
        for (var i = 1; i < conjuncts.Count; i++)
        {
            test = new BinaryExpr(BinaryOp.And, test, conjuncts[i], SqlType.Boolean);
        }

        return [new BinaryExpr(BinaryOp.Or, test, nulls, SqlType.Boolean)];
    }

    private static BinaryExpr Compare(BinaryOp op, ColumnRef input, ScalarValue value, SqlType type) =>
        new(op, input, Value(value, type), SqlType.Boolean);

    /// <summary>The key as a literal of the probe column's own type (same computation: only a string's length may differ).</summary>
    private static Literal Value(ScalarValue value, SqlType type) => new(new ScalarValue(type, value.Value));
}
