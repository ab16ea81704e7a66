using Federation.Logical.Plans;
using Federation.Physical.Expressions;
using Federation.Physical.Operators;
using Federation.Physical.Pruning;

namespace Federation.Physical.Planning;

/// <summary>
/// Gives a hash join a dynamic filter (<see cref="JoinKeyFilter"/>) when its probe keys are plain columns that can be
/// followed down to a scan that accepts one: through filters, projections that pass the columns on, repartitioning,
/// and the probe side of inner joins below. The scan then drops probe rows whose keys the build side lacks before
/// they are copied out of the reader; the join, which still checks every key, returns the same rows.
/// </summary>
internal static class JoinKeyFilterPlacement
{
    public static PhysicalOperator Place(HashJoinExec join)
    {
        if (!join.DiscardsUnmatchedProbeRows)
        {
            return join;
        }

        var columns = new int[join.ProbeKeyExprs.Count];
        for (var k = 0; k < columns.Length; k++)
        {
            if (join.ProbeKeyExprs[k] is not ColumnExpr column)
            {
                return join;
            }

            columns[k] = column.Index;
        }

        var filter = new JoinKeyFilter(string.Join(", ", join.LeftKeys.Select((key, i) => $"{key} = {join.RightKeys[i]}")));
        return Push(join.ProbeInput, columns, filter) is { } probe ? join.WithKeyFilter(probe, filter) : join;
    }

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
                // Rows of an inner join's probe side whose key the filter rejects only make output rows it rejects.
                var leftCount = inner.Left.Fields.Count;
                var fromLeft = columns.All(c => c < leftCount);
                var fromRight = columns.All(c => c >= leftCount);
                if (!(inner.BuildLeft ? fromRight : fromLeft))
                {
                    return null;
                }

                var below = inner.BuildLeft ? columns.Select(c => c - leftCount).ToArray() : columns;
                if (Push(inner.ProbeInput, below, filter) is not { } probe)
                {
                    return null;
                }

                return inner.WithChildren(inner.BuildLeft ? [inner.Left, probe] : [probe, inner.Right]);
            }

            default:
                return null;
        }
    }
}
