using Federation.Common.Types;
using Federation.Logical.Tables;
using Federation.Logical.Expressions;

namespace Federation.Physical.Pruning;

/// <summary>
/// Decides from column statistics that no row of a container can satisfy a filter, so it need not be read
/// (DataFusion's PruningPredicate). Works for any container with min/max/null counts: files, row groups,
/// stripes, partitions. Three-valued logic is respected: a container is skipped only when every row would make
/// the filter FALSE or NULL; anything not understood is assumed to match.
///
/// | filter            | skip when                         |
/// |-------------------|-----------------------------------|
/// | c = v             | v &lt; min or v &gt; max                |
/// | c &lt; v / c &lt;= v    | min &gt;= v / min &gt; v                |
/// | c &gt; v / c &gt;= v    | max &lt;= v / max &lt; v                |
/// | c &lt;&gt; v            | min = max = v and no NULLs        |
/// | c IN (v1, ...)    | every vi outside [min, max]       |
/// | c IS NULL         | no NULLs                          |
/// | c IS NOT NULL     | only NULLs                        |
/// | a AND b           | either skips                      |
/// | a OR b            | both skip                         |
/// </summary>
public static class PruningPredicate
{
    public static bool CanSkip(Expr filter, Func<int, ColumnStatistics?> statistics)
    {
        switch (filter)
        {
            case BinaryExpr { Op: BinaryOp.And } and:
                return CanSkip(and.Left, statistics) || CanSkip(and.Right, statistics);
            case BinaryExpr { Op: BinaryOp.Or } or:
                return CanSkip(or.Left, statistics) && CanSkip(or.Right, statistics);
            case BinaryExpr b when b.Op.IsComparison():
            {
                if (b.Left is ColumnRef lc && b.Right is Literal rl)
                {
                    return SkipComparison(b.Op, statistics(lc.Id), rl.Value);
                }

                if (b.Right is ColumnRef rc && b.Left is Literal ll)
                {
                    return SkipComparison(b.Op.Swap(), statistics(rc.Id), ll.Value);
                }

                return false;
            }

            case InListExpr { Negated: false, Input: ColumnRef column } inList when inList.List.All(i => i is Literal):
            {
                var stats = statistics(column.Id);
                return stats is not null && inList.List.All(i => SkipComparison(BinaryOp.Equal, stats, ((Literal)i).Value));
            }

            case IsNullExpr { Input: ColumnRef column } isNull:
            {
                var stats = statistics(column.Id);
                if (stats?.NullCount is not { } nulls)
                {
                    return false;
                }

                return isNull.Negated ? nulls == stats.RowCount : nulls == 0;
            }

            case Literal { Value.Value: false } or Literal { Value.IsNull: true }:
                return true;
            default:
                return false;
        }
    }

    private static bool SkipComparison(BinaryOp op, ColumnStatistics? stats, ScalarValue value)
    {
        if (stats is null || value.IsNull)
        {
            // A comparison with NULL is never true.
            return value.IsNull && op is not (BinaryOp.IsDistinctFrom or BinaryOp.IsNotDistinctFrom);
        }

        if (stats.NullCount == stats.RowCount && op is not (BinaryOp.IsDistinctFrom or BinaryOp.IsNotDistinctFrom))
        {
            return true; // only NULLs: no comparison is true
        }

        var min = stats.Min;
        var max = stats.Max;
        if (min is null || max is null || min.IsNull || max.IsNull || IsNaN(min) || IsNaN(max))
        {
            return false;
        }

        var vsMin = value.CompareTo(min);
        var vsMax = value.CompareTo(max);
        if (vsMin is null || vsMax is null)
        {
            return false;
        }

        return op switch
        {
            BinaryOp.Equal or BinaryOp.IsNotDistinctFrom => vsMin < 0 || vsMax > 0,
            BinaryOp.NotEqual => vsMin == 0 && vsMax == 0 && stats.NullCount == 0,
            BinaryOp.Less => vsMin <= 0,          // min >= v
            BinaryOp.LessOrEqual => vsMin < 0,    // min > v
            BinaryOp.Greater => vsMax >= 0,       // max <= v
            BinaryOp.GreaterOrEqual => vsMax > 0, // max < v
            _ => false,
        };
    }

    private static bool IsNaN(ScalarValue v) => v.Value is double d ? double.IsNaN(d) : v.Value is float f && float.IsNaN(f);
}
