using System.Runtime.CompilerServices;
using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Execution;
using Federation.Logical.Expressions;
using Federation.Physical.Expressions;
using Federation.Physical.Sorting;

namespace Federation.Physical.Operators;

/// <summary>
/// Window functions over input already sorted by (PARTITION BY, ORDER BY). Rows are collected until a new
/// PARTITION BY key shows the partitions before it complete; partitions and peer groups are found by comparing
/// encoded keys of neighbouring rows, and each function computed for whole partitions at a time. Output: the input columns followed by one column per function.
/// </summary>
public sealed class WindowExec : PhysicalOperator
{
    public WindowExec(PhysicalOperator input, IReadOnlyList<PhysicalExpr> partitionBy, IReadOnlyList<SortField> orderBy,
        IReadOnlyList<WindowFunctionSpec> functions, IReadOnlyList<PhysicalField> fields)
        : base(fields)
    {
        Input = input;
        PartitionBy = partitionBy;
        OrderBy = orderBy;
        Functions = functions;
    }

    public PhysicalOperator Input { get; }

    public IReadOnlyList<PhysicalExpr> PartitionBy { get; }

    public IReadOnlyList<SortField> OrderBy { get; }

    public IReadOnlyList<WindowFunctionSpec> Functions { get; }

    public override string Name => "WindowAggExec";

    public override string Details => $"wdw=[{string.Join(", ", Functions)}]";

    public override int OutputPartitionCount => 1;

    public override IReadOnlyList<PhysicalOperator> Children => [Input];

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) => new WindowExec(children[0], PartitionBy, OrderBy, Functions, Fields);

    protected override async IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var evaluation = EvaluationContext.From(context);
        using var reservation = context.Memory.Reserve(Name);

        // The input is sorted by the PARTITION BY keys first, so when a row with a new key arrives every window
        // partition before it is complete: those rows are computed and sent on, and only the open partition is held.
        // Memory then follows the largest window partition, not the input (which the sort below may have spilled).
        // Without PARTITION BY the whole input is one partition and is held whole.
        var held = new List<RecordBatch>();
        long heldBytes = 0;
        byte[]? lastKey = null;
        await foreach (var batch in CoalescePartitionsExec.Merge(Input, context, cancellationToken).ConfigureAwait(false))
        {
            if (batch.Length == 0)
            {
                continue;
            }

            var batchBytes = BatchOps.ByteSize(batch);
            var openFrom = PartitionBy.Count == 0 ? -1 : LastPartitionStart(batch, evaluation, ref lastKey);
            if (openFrom < 0 || (openFrom == 0 && held.Count == 0))
            {
                held.Add(batch);
                heldBytes += batchBytes;
                reservation.Resize(heldBytes * 2);
                continue;
            }

            // Computing takes a concatenated copy of the complete partitions and their results.
            reservation.Resize((heldBytes + batchBytes) * 2);
            if (openFrom > 0)
            {
                held.Add(BatchOps.Slice(batch, 0, openFrom));
            }

            var complete = ComputeWindows(held, evaluation);
            held.Clear();
            held.Add(BatchOps.Slice(batch, openFrom, batch.Length - openFrom));
            heldBytes = batchBytes;
            foreach (var output in Split(complete, context.BatchSize))
            {
                yield return output;
            }

            reservation.Resize(heldBytes * 2);
        }

        if (held.Count == 0)
        {
            yield break;
        }

        var result = ComputeWindows(held, evaluation);
        held.Clear();
        foreach (var output in Split(result, context.BatchSize))
        {
            yield return output;
        }
    }

    /// <summary>
    /// The computed rows in batches of at most <paramref name="batchSize"/>, each with buffers of its own: a slice
    /// would keep the whole result alive and count as all of it in every reservation downstream that holds one.
    /// </summary>
    private static IEnumerable<RecordBatch> Split(RecordBatch result, int batchSize)
    {
        if (result.Length <= batchSize)
        {
            yield return result;
            yield break;
        }

        var indices = new int[batchSize];
        for (var start = 0; start < result.Length; start += batchSize)
        {
            var length = Math.Min(batchSize, result.Length - start);
            for (var r = 0; r < length; r++)
            {
                indices[r] = start + r;
            }

            yield return BatchOps.Take(result, indices.AsSpan(0, length));
        }
    }

    /// <summary>
    /// The position in the batch of the last row that starts a window partition (its PARTITION BY key differs from
    /// the row before it, the previous batch's last row for row 0), or -1 when every row continues the open partition.
    /// <paramref name="lastKey"/> carries the encoded key of the last row seen from batch to batch.
    /// </summary>
    private int LastPartitionStart(RecordBatch batch, EvaluationContext evaluation, ref byte[]? lastKey)
    {
        var n = batch.Length;
        var arrays = new IArrowArray[PartitionBy.Count];
        var types = new SqlType[PartitionBy.Count];
        var order = new (bool Ascending, bool NullsFirst)[PartitionBy.Count];
        for (var k = 0; k < PartitionBy.Count; k++)
        {
            arrays[k] = PartitionBy[k].EvaluateToArray(batch, evaluation);
            types[k] = PartitionBy[k].Type;
            order[k] = (true, true);
        }

        var encoded = SortKeyEncoder.Encode(arrays, types, order, n);
        var last = -1;
        for (var i = n - 1; i > 0; i--)
        {
            if (!encoded.Row(i).SequenceEqual(encoded.Row(i - 1)))
            {
                last = i;
                break;
            }
        }

        if (last < 0 && (lastKey is null || !encoded.Row(0).SequenceEqual(lastKey)))
        {
            last = 0;
        }

        lastKey = encoded.Row(n - 1).ToArray();
        return last;
    }

    /// <summary>The held rows (whole window partitions) followed by one column per function.</summary>
    private RecordBatch ComputeWindows(List<RecordBatch> batches, EvaluationContext evaluation)
    {
        var all = BatchOps.Concat(Input.Schema, batches);
        var partitionStarts = Boundaries(all, PartitionBy, evaluation);
        var peerStarts = Boundaries(all, [.. PartitionBy, .. OrderBy.Select(o => o.Expr)], evaluation);

        var columns = new IArrowArray[all.ColumnCount + Functions.Count];
        for (var c = 0; c < all.ColumnCount; c++)
        {
            columns[c] = all.Column(c);
        }

        for (var f = 0; f < Functions.Count; f++)
        {
            columns[all.ColumnCount + f] = Compute(Functions[f], all, partitionStarts, peerStarts, evaluation);
        }

        return new RecordBatch(Schema, columns, all.Length);
    }

    /// <summary>bool[i]: row i starts a new group of equal keys (row 0 always does).</summary>
    private static bool[] Boundaries(RecordBatch batch, IReadOnlyList<PhysicalExpr> keys, EvaluationContext evaluation)
    {
        var n = batch.Length;
        var starts = new bool[n];
        if (n > 0)
        {
            starts[0] = true;
        }

        if (keys.Count == 0)
        {
            return starts;
        }

        var arrays = keys.Select(k => k.EvaluateToArray(batch, evaluation)).ToArray();
        var encoded = SortKeyEncoder.Encode(arrays, keys.Select(k => k.Type).ToArray(), keys.Select(_ => (true, true)).ToArray(), n);
        for (var i = 1; i < n; i++)
        {
            starts[i] = !encoded.Row(i).SequenceEqual(encoded.Row(i - 1));
        }

        return starts;
    }

    private IArrowArray Compute(WindowFunctionSpec spec, RecordBatch all, bool[] partitionStarts, bool[] peerStarts, EvaluationContext evaluation)
    {
        var n = all.Length;
        var arguments = spec.Arguments.Select(a => a.EvaluateToArray(all, evaluation)).ToArray();
        var partitionOf = new int[n];
        var partitionStartOf = new int[n];
        var partitionEndOf = new int[n];
        var peerStartOf = new int[n];
        var peerEndOf = new int[n];
        var p = -1;
        for (var i = 0; i < n; i++)
        {
            if (partitionStarts[i])
            {
                p++;
            }

            partitionOf[i] = p;
            partitionStartOf[i] = partitionStarts[i] ? i : partitionStartOf[i - 1];
            peerStartOf[i] = peerStarts[i] || partitionStarts[i] ? i : peerStartOf[i - 1];
        }

        for (var i = n - 1; i >= 0; i--)
        {
            partitionEndOf[i] = i == n - 1 || partitionStarts[i + 1] ? i + 1 : partitionEndOf[i + 1];
            peerEndOf[i] = i == n - 1 || peerStarts[i + 1] || partitionStarts[i + 1] ? i + 1 : peerEndOf[i + 1];
        }

        switch (spec.Kind)
        {
            case WindowFunctionKind.RowNumber:
                return Longs(n, i => i - partitionStartOf[i] + 1);
            case WindowFunctionKind.Rank:
                return Longs(n, i => peerStartOf[i] - partitionStartOf[i] + 1);
            case WindowFunctionKind.DenseRank:
            {
                var ranks = new long[n];
                for (var i = 0; i < n; i++)
                {
                    ranks[i] = i == partitionStartOf[i] ? 1 : ranks[i - 1] + (peerStartOf[i] == i ? 1 : 0);
                }

                return Longs(n, i => ranks[i]);
            }

            case WindowFunctionKind.PercentRank:
                return Doubles(n, i =>
                {
                    var size = partitionEndOf[i] - partitionStartOf[i];
                    return size <= 1 ? 0 : (double)(peerStartOf[i] - partitionStartOf[i]) / (size - 1);
                });
            case WindowFunctionKind.CumeDist:
                return Doubles(n, i => (double)(peerEndOf[i] - partitionStartOf[i]) / (partitionEndOf[i] - partitionStartOf[i]));
            case WindowFunctionKind.Ntile:
            {
                var buckets = ArrayFactory.FixedValues<long>(arguments[0]).ToArray();
                return Longs(n, i =>
                {
                    var b = buckets[i];
                    if (b <= 0)
                    {
                        throw new FederationException(ErrorCode.InvalidArgument, "argument of ntile must be greater than zero");
                    }

                    long size = partitionEndOf[i] - partitionStartOf[i];
                    long pos = i - partitionStartOf[i];
                    var small = size / b;
                    var large = size % b; // the first `large` buckets have one more row
                    var cut = large * (small + 1);
                    return pos < cut ? (pos / (small + 1)) + 1 : large + ((pos - cut) / Math.Max(small, 1)) + 1;
                });
            }

            case WindowFunctionKind.Lag or WindowFunctionKind.Lead:
            {
                var offsets = arguments.Length > 1 ? ArrayFactory.FixedValues<long>(arguments[1]).ToArray() : null;
                var indices = new int[n];
                var useDefault = new bool[n];
                for (var i = 0; i < n; i++)
                {
                    var offset = offsets?[i] ?? 1;
                    var target = spec.Kind == WindowFunctionKind.Lag ? i - offset : i + offset;
                    if (target >= partitionStartOf[i] && target < partitionEndOf[i])
                    {
                        indices[i] = (int)target;
                    }
                    else
                    {
                        indices[i] = -1;
                        useDefault[i] = arguments.Length > 2;
                    }
                }

                var values = ArrayTake.Take(arguments[0], indices);
                if (arguments.Length > 2 && useDefault.Contains(true))
                {
                    var defaults = arguments[2];
                    var combined = ArrayConcat.Concat([values, defaults]);
                    var pick = new int[n];
                    for (var i = 0; i < n; i++)
                    {
                        pick[i] = useDefault[i] ? n + i : i;
                    }

                    return ArrayTake.Take(combined, pick);
                }

                return values;
            }
        }

        var (frameStart, frameEnd) = Frames(spec.Frame, all, evaluation, partitionStartOf, partitionEndOf, peerStartOf, peerEndOf);
        switch (spec.Kind)
        {
            case WindowFunctionKind.FirstValue:
                return ArrayTake.Take(arguments[0], Pick(n, i => frameStart[i] < frameEnd[i] ? frameStart[i] : -1));
            case WindowFunctionKind.LastValue:
                return ArrayTake.Take(arguments[0], Pick(n, i => frameStart[i] < frameEnd[i] ? frameEnd[i] - 1 : -1));
            case WindowFunctionKind.NthValue:
            {
                var nth = ArrayFactory.FixedValues<long>(arguments[1]).ToArray();
                return ArrayTake.Take(arguments[0], Pick(n, i =>
                {
                    if (nth[i] <= 0)
                    {
                        throw new FederationException(ErrorCode.InvalidArgument, "argument of nth_value must be greater than zero");
                    }

                    var target = frameStart[i] + nth[i] - 1;
                    return target < frameEnd[i] ? (int)target : -1;
                }));
            }

            default:
                return WindowAggregates.Compute(spec, arguments, frameStart, frameEnd);
        }
    }

    private static int[] Pick(int n, Func<int, int> index)
    {
        var result = new int[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = index(i);
        }

        return result;
    }

    private static IArrowArray Longs(int n, Func<int, long> value)
    {
        var buffer = ArrayFactory.AllocateValues<long>(n);
        var output = ArrayFactory.ValuesOf<long>(buffer);
        for (var i = 0; i < n; i++)
        {
            output[i] = value(i);
        }

        return ArrayFactory.Fixed(SqlType.Int64, buffer, n, null);
    }

    private static IArrowArray Doubles(int n, Func<int, double> value)
    {
        var buffer = ArrayFactory.AllocateValues<double>(n);
        var output = ArrayFactory.ValuesOf<double>(buffer);
        for (var i = 0; i < n; i++)
        {
            output[i] = value(i);
        }

        return ArrayFactory.Fixed(SqlType.Float64, buffer, n, null);
    }

    /// <summary>Each row's frame as [start, end) row positions.</summary>
    private (int[] Start, int[] End) Frames(WindowFrame frame, RecordBatch all, EvaluationContext evaluation,
        int[] partitionStart, int[] partitionEnd, int[] peerStart, int[] peerEnd)
    {
        var n = all.Length;
        var start = new int[n];
        var end = new int[n];
        double[]? rangeKeys = null;
        if (frame.Units == FrameUnits.Range && (frame.Start.Offset is not null || frame.End.Offset is not null))
        {
            rangeKeys = RangeKeys(OrderBy[0], all, evaluation);
        }

        var descending = OrderBy.Count > 0 && !OrderBy[0].Ascending;
        for (var i = 0; i < n; i++)
        {
            start[i] = Bound(frame.Start, isStart: true);
            end[i] = Bound(frame.End, isStart: false);
            if (end[i] < start[i])
            {
                end[i] = start[i];
            }

            int Bound(FrameBound bound, bool isStart)
            {
                var ps = partitionStart[i];
                var pe = partitionEnd[i];
                switch (bound.Kind)
                {
                    case FrameBoundKind.UnboundedPreceding:
                        return ps;
                    case FrameBoundKind.UnboundedFollowing:
                        return pe;
                    case FrameBoundKind.CurrentRow:
                        if (frame.Units == FrameUnits.Rows)
                        {
                            return isStart ? i : i + 1;
                        }

                        return isStart ? peerStart[i] : peerEnd[i];
                }

                if (frame.Units == FrameUnits.Rows)
                {
                    var offset = bound.Offset!.AsInt64();
                    var row = bound.Kind == FrameBoundKind.Preceding ? i - offset : i + offset;
                    if (!isStart)
                    {
                        row++;
                    }

                    return (int)Math.Clamp(row, ps, pe);
                }

                // RANGE with an offset: rows whose key is within the offset of this row's key.
                var delta = OffsetValue(bound.Offset!);
                var sign = (bound.Kind == FrameBoundKind.Preceding ? -1 : 1) * (descending ? -1 : 1);
                var target = rangeKeys![i] + (sign * delta);
                if (double.IsNaN(rangeKeys[i]))
                {
                    return isStart ? peerStart[i] : peerEnd[i];
                }

                // Keys ascend (or descend) within the partition: find the first row past the target.
                var lo = ps;
                var hi = pe;
                while (lo < hi)
                {
                    var mid = (lo + hi) >> 1;
                    var k = rangeKeys[mid];
                    var before = double.IsNaN(k) ? !OrderBy[0].NullsFirst : descending ? (isStart ? k > target : k >= target) : (isStart ? k < target : k <= target);
                    if (before)
                    {
                        lo = mid + 1;
                    }
                    else
                    {
                        hi = mid;
                    }
                }

                return lo;
            }
        }

        return (start, end);
    }

    private static double OffsetValue(ScalarValue offset) => offset.Value switch
    {
        Interval iv => (double)iv.ComparableMicros,
        _ => offset.AsDouble(),
    };

    /// <summary>The ORDER BY key as doubles for RANGE offsets (timestamps in microseconds, dates as microseconds too); NaN for NULL.</summary>
    private static double[] RangeKeys(SortField key, RecordBatch all, EvaluationContext evaluation)
    {
        var array = key.Expr.EvaluateToArray(all, evaluation);
        var n = all.Length;
        var result = new double[n];
        for (var i = 0; i < n; i++)
        {
            var v = ArrayFactory.GetScalar(array, i, key.Expr.Type);
            result[i] = v.IsNull ? double.NaN : key.Expr.Type.Kind switch
            {
                TypeKind.Date => (int)v.Value! * (double)DateTimeMath.MicrosPerDay,
                TypeKind.Timestamp or TypeKind.TimestampTz => (long)v.Value!,
                _ => v.AsDouble(),
            };
        }

        return result;
    }
}
