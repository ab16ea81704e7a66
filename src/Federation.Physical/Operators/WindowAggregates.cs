using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Functions.Aggregates;

namespace Federation.Physical.Operators;

/// <summary>
/// Aggregates over window frames, on top of the ordinary <see cref="GroupsAccumulator"/>s:
/// a frame covering the whole partition is one group per partition; a frame that always starts at the
/// partition start grows one accumulator and reads it out at each new frame end; any other frame makes
/// each row its own group fed with the rows of its frame.
/// </summary>
internal static class WindowAggregates
{
    public static IArrowArray Compute(WindowFunctionSpec spec, IArrowArray[] arguments, int[] frameStart, int[] frameEnd)
    {
        var binding = spec.Aggregate!;
        var n = frameStart.Length;
        if (n == 0)
        {
            return binding.CreateAccumulator().Evaluate(0);
        }

        if (IsWholePartition(frameStart, frameEnd, out var partitionOf, out var partitions))
        {
            var accumulator = binding.CreateAccumulator();
            Update(accumulator, arguments, Identity(n), partitionOf, partitions);
            return ArrayTake.Take(accumulator.Evaluate(partitions), partitionOf);
        }

        if (StartsAtPartition(frameStart))
        {
            return Running(binding, arguments, frameStart, frameEnd);
        }

        // General frames: row i is group i, fed with the rows of its frame.
        var rows = new List<int>();
        var groups = new List<int>();
        for (var i = 0; i < n; i++)
        {
            for (var r = frameStart[i]; r < frameEnd[i]; r++)
            {
                rows.Add(r);
                groups.Add(i);
            }
        }

        var general = binding.CreateAccumulator();
        Update(general, arguments, rows.ToArray(), groups.ToArray(), n);
        return general.Evaluate(n);
    }

    private static void Update(GroupsAccumulator accumulator, IArrowArray[] arguments, int[] rows, int[] groups, int groupCount)
    {
        const int chunk = 64 * 1024;
        for (var start = 0; start < rows.Length; start += chunk)
        {
            var count = Math.Min(chunk, rows.Length - start);
            var rowSlice = rows.AsSpan(start, count);
            var args = new IArrowArray[arguments.Length];
            for (var a = 0; a < args.Length; a++)
            {
                args[a] = ArrayTake.Take(arguments[a], rowSlice);
            }

            accumulator.Update(args, groups.AsSpan(start, count), groupCount);
        }

        if (rows.Length == 0)
        {
            accumulator.Update(arguments.Select(a => ArrayTake.Take(a, ReadOnlySpan<int>.Empty)).ToArray(), ReadOnlySpan<int>.Empty, groupCount);
        }
    }

    private static int[] Identity(int n)
    {
        var result = new int[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = i;
        }

        return result;
    }

    /// <summary>True when every row's frame is exactly its partition (rows with the same start share an end).</summary>
    private static bool IsWholePartition(int[] start, int[] end, out int[] partitionOf, out int partitions)
    {
        var n = start.Length;
        partitionOf = new int[n];
        partitions = 0;
        for (var i = 0; i < n; i++)
        {
            var newPartition = i == 0 || start[i] != start[i - 1];
            if (newPartition)
            {
                if (start[i] != i)
                {
                    return false;
                }

                partitions++;
            }
            else if (end[i] != end[i - 1])
            {
                return false;
            }

            partitionOf[i] = partitions - 1;
        }

        // Each partition's frame must end where the next partition starts.
        for (var i = 0; i < n; i++)
        {
            var last = i == n - 1 || start[i + 1] != start[i];
            if (last && end[i] != i + 1)
            {
                return false;
            }
        }

        return true;
    }

    private static bool StartsAtPartition(int[] start)
    {
        for (var i = 1; i < start.Length; i++)
        {
            if (start[i] != start[i - 1] && start[i] != i)
            {
                return false;
            }
        }

        return start[0] == 0;
    }

    private static IArrowArray Running(AggregateBinding binding, IArrowArray[] arguments, int[] frameStart, int[] frameEnd)
    {
        var n = frameStart.Length;
        var results = new List<IArrowArray>();
        var resultIndex = new int[n];
        GroupsAccumulator? accumulator = null;
        var fedUpTo = 0;
        var currentStart = -1;
        IArrowArray? last = null;
        for (var i = 0; i < n; i++)
        {
            if (frameStart[i] != currentStart)
            {
                // A new partition: a fresh accumulator.
                currentStart = frameStart[i];
                accumulator = binding.CreateAccumulator();
                fedUpTo = currentStart;
                last = null;
            }

            var end = frameEnd[i];
            if (end > fedUpTo || last is null)
            {
                if (end > fedUpTo)
                {
                    var rows = new int[end - fedUpTo];
                    for (var r = 0; r < rows.Length; r++)
                    {
                        rows[r] = fedUpTo + r;
                    }

                    Update(accumulator!, arguments, rows, new int[rows.Length], 1);
                    fedUpTo = end;
                }
                else
                {
                    Update(accumulator!, arguments, [], [], 1);
                }

                last = accumulator!.Evaluate(1);
                results.Add(last);
            }

            resultIndex[i] = results.Count - 1;
        }

        var all = results.Count == 1 ? results[0] : ArrayConcat.Concat(results);
        return ArrayTake.Take(all, resultIndex);
    }
}
