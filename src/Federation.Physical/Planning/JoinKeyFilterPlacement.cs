using Federation.Logical.Plans;
using Federation.Physical.Expressions;
using Federation.Physical.Operators;
using Federation.Physical.Pruning;

namespace Federation.Physical.Planning;

/// <summary>
/// Gives a hash join a dynamic filter (<see cref="JoinKeyFilter"/>) when its probe keys are plain columns that can be
/// followed down to a scan that accepts one: through filters, projections that pass the columns on, repartitioning,
/// and either input of inner joins below. The scan then drops rows whose keys the build side lacks before they are
/// copied out of the reader; the join, which still checks every key, returns the same rows.
/// </summary>
internal static class JoinKeyFilterPlacement
{
    public static PhysicalOperator Place(HashJoinExec join)
    {
        if (!join.DiscardsUnmatchedProbeRows)
        {
            return join;
        }

        var keys = join.ProbeKeyExprs.Count;
        var columns = new int[keys];
        for (var k = 0; k < keys; k++)
        {
            columns[k] = join.ProbeKeyExprs[k] is ColumnExpr column ? column.Index : -1;
        }

        if (!columns.Contains(-1))
        {
            var filter = new JoinKeyFilter(Describe(join, Enumerable.Range(0, keys)));
            if (Push(join.ProbeInput, columns, filter) is { } probe)
            {
                return join.WithKeyFilter(probe, filter);
            }
        }

        // The keys come from different places (Q5: l_suppkey from lineitem, c_nationkey from customer): each key
        // column that reaches a scan filters it by that key alone.
        if (keys > 1)
        {
            for (var k = 0; k < keys; k++)
            {
                if (columns[k] < 0)
                {
                    continue;
                }

                var filter = new JoinKeyFilter(Describe(join, [k]), [k]);
                if (Push(join.ProbeInput, [columns[k]], filter) is { } probe)
                {
                    join = join.WithKeyFilter(probe, filter);
                }
            }
        }

        return join;
    }

    private static string Describe(HashJoinExec join, IEnumerable<int> keys) =>
        string.Join(", ", keys.Select(k => $"{join.LeftKeys[k]} = {join.RightKeys[k]}"));

    /// <summary><paramref name="input"/> with the filter placed in the scan that produces <paramref name="columns"/>, or null.</summary>
    private static PhysicalOperator? Push(PhysicalOperator input, int[] columns, JoinKeyFilter filter)
    {
        switch (input)
        {
            case IJoinKeyFilterTarget target:
                return target.WithJoinKeyFilter(filter, columns);
            case FilterExec or RepartitionExec or CoalescePartitionsExec:
                return Push(input.Children[0], columns, filter) is { } child ? input.WithChildren([child]) : null;
            case ProjectionExec projection:
            {
                var below = new int[columns.Length];
                for (var k = 0; k < columns.Length; k++)
                {
                    if (projection.Expressions[columns[k]] is not ColumnExpr passed)
                    {
                        return null;
                    }

                    below[k] = passed.Index;
                }

                return Push(projection.Input, below, filter) is { } projected ? projection.WithChildren([projected]) : null;
            }

            case HashJoinExec { JoinType: JoinType.Inner } inner:
            {
                // An inner join's row whose key the filter rejects came from an input row with that key: the filter can
                // go to whichever input holds all its columns. Both inputs run after the join above has built its side.
                var leftCount = inner.Left.Fields.Count;
                if (columns.All(c => c < leftCount))
                {
                    return Push(inner.Left, columns, filter) is { } left ? inner.WithChildren([left, inner.Right]) : null;
                }

                if (columns.All(c => c >= leftCount))
                {
                    var below = columns.Select(c => c - leftCount).ToArray();
                    return Push(inner.Right, below, filter) is { } right ? inner.WithChildren([inner.Left, right]) : null;
                }

                return null;
            }

            default:
                return null;
        }
    }
}
