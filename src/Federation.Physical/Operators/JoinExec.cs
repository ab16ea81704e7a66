using System.Runtime.CompilerServices;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Execution;
using Federation.Logical.Plans;
using Federation.Physical.Expressions;

namespace Federation.Physical.Operators;

/// <summary>
/// The join algorithm shared by <see cref="HashJoinExec"/> and <see cref="NestedLoopJoinExec"/>: the build side is
/// collected once per execution and shared; each probe partition streams, pairs its rows with build rows, applies
/// the residual condition, and emits rows by join type. Output columns are always left's then right's
/// (Semi/Anti: left only; Mark: left plus the mark column).
/// </summary>
public abstract class JoinExec : PhysicalOperator
{
    protected JoinExec(PhysicalOperator left, PhysicalOperator right, JoinType joinType, bool buildLeft, PhysicalExpr? residual, bool nullAware,
        IReadOnlyList<PhysicalField> fields)
        : base(fields)
    {
        Left = left;
        Right = right;
        JoinType = joinType;
        BuildLeft = buildLeft;
        Residual = residual;
        NullAware = nullAware;
    }

    public PhysicalOperator Left { get; }

    public PhysicalOperator Right { get; }

    public JoinType JoinType { get; }

    /// <summary>True when the left input is the build side (the right input then streams).</summary>
    public bool BuildLeft { get; }

    /// <summary>Condition over the joined row (left columns then right columns) beyond the equi-keys.</summary>
    public PhysicalExpr? Residual { get; }

    public bool NullAware { get; }

    protected PhysicalOperator Build => BuildLeft ? Left : Right;

    protected PhysicalOperator Probe => BuildLeft ? Right : Left;

    private bool PreserveProbe => JoinType == JoinType.Full || (JoinType == JoinType.Left && !BuildLeft) || (JoinType == JoinType.Right && BuildLeft);

    private bool PreserveBuild => JoinType == JoinType.Full || (JoinType == JoinType.Left && BuildLeft) || (JoinType == JoinType.Right && !BuildLeft);

    /// <summary>
    /// A semi or anti join whose kept side (left) is the build side: probing only marks build rows, and the
    /// matched (semi) or unmatched (anti) ones are emitted when every probe partition has finished. Chosen when
    /// the kept side is the small one (TPC-H Q4: few orders, many line items).
    /// </summary>
    private bool BuildSideFilter => BuildLeft && JoinType is JoinType.Semi or JoinType.Anti;

    public override int OutputPartitionCount => Probe.OutputPartitionCount;

    public override IReadOnlyList<PhysicalOperator> Children => [Left, Right];

    /// <summary>Builds the key table for the build rows (null: every pair is a candidate).</summary>
    private protected abstract Hashing.JoinHashTable? BuildTable(RecordBatch buildRows, EvaluationContext evaluation);

    /// <summary>The candidate pairs of probe rows [0, batch.Length) with the build rows, handed out in chunks.</summary>
    private protected abstract JoinPairs StartPairs(RecordBatch probe, JoinSide build, EvaluationContext evaluation);

    /// <summary>
    /// The fewest pairs a chunk holds however small the batch size: a chunk's pairs are checked against the residual
    /// and turned into output together, and per-chunk work should not dominate.
    /// </summary>
    private const int MinPairsPerChunk = 1024;

    /// <summary>Hands the finished key table to the dynamic filter under the probe side, if the join has one.</summary>
    private protected virtual void PublishKeys(Hashing.JoinHashTable table, RecordBatch buildRows, EvaluationContext evaluation, TaskContext context)
    {
    }

    /// <summary>
    /// Whether dropping probe rows whose keys match no build row leaves the result unchanged: the probe side is not
    /// preserved (outer joins), not the kept side of an anti join, and not merely marking build rows (semi and anti
    /// joins that emit the build side, whose marks each probe row may set).
    /// </summary>
    public bool DiscardsUnmatchedProbeRows => !NullAware && !PreserveProbe && JoinType switch
    {
        JoinType.Inner or JoinType.Left or JoinType.Right => true,
        JoinType.Semi => true,
        JoinType.Anti => BuildSideFilter,
        _ => false,
    };

    /// <summary>For null-aware anti and mark joins: which probe rows have a NULL in a key.</summary>
    private protected abstract bool[]? ProbeKeyNulls(RecordBatch probe, EvaluationContext evaluation);

    private async Task<JoinSide> BuildSideAsync(TaskContext context, CancellationToken cancellationToken)
    {
        var batches = new List<RecordBatch>();
        // Held until the query ends: the build side lives as long as any probe partition runs.
        var reservation = context.Memory.Reserve(Name + " build side");
        long bytes = 0;
        await foreach (var batch in CoalescePartitionsExec.Merge(Build, context, cancellationToken).ConfigureAwait(false))
        {
            batches.Add(batch);
            bytes += BatchOps.ByteSize(batch);
            reservation.Resize(bytes);
        }

        var rows = batches.Count == 0 ? BatchOps.Empty(Build.Schema) : BatchOps.Concat(Build.Schema, batches);
        var evaluation = EvaluationContext.From(context);
        var table = BuildTable(rows, evaluation);
        reservation.Resize(bytes + (table?.SizeInBytes ?? 0));
        if (table is not null)
        {
            PublishKeys(table, rows, evaluation, context);
        }

        return new JoinSide(rows, table, PreserveBuild || BuildSideFilter, Probe.OutputPartitionCount);
    }


    protected override async IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Lazy: concurrent partitions must not start the build twice.
        var buildTask = context.GetOrCreateState(this, () => new Lazy<Task<JoinSide>>(() => BuildSideAsync(context, context.CancellationToken)));
        var build = await buildTask.Value.ConfigureAwait(false);
        var evaluation = EvaluationContext.From(context);
        var buildEmpty = build.Rows.Length == 0;

        // Nothing can come out of these joins when the build side is empty: do not even read the probe side.
        var skipProbe = buildEmpty && !PreserveProbe && (BuildSideFilter || JoinType is not (JoinType.Anti or JoinType.Mark));
        if (!skipProbe)
        {
            var probeRows = new List<int>();
            var buildRows = new List<int>();
            var coalescer = new BatchCoalescer(context.BatchSize);
            await foreach (var batch in Probe.ExecuteAsync(partition, context).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var any = false;
                foreach (var output in ProbeBatch(batch, build, buildEmpty, evaluation, probeRows, buildRows, context.BatchSize, cancellationToken))
                {
                    any = true;
                    if (coalescer.Push(output) is { } full)
                    {
                        yield return full;
                    }
                }

                if (!any && coalescer.Push(null) is { } waited)
                {
                    yield return waited;
                }
            }

            if (coalescer.Flush() is { } rest)
            {
                yield return rest;
            }
        }

        var last = Interlocked.Decrement(ref build.RemainingProbes) == 0;
        if (last && BuildSideFilter)
        {
            var keep = new List<int>();
            var wanted = JoinType == JoinType.Semi;
            for (var i = 0; i < build.Matched!.Length; i++)
            {
                if (build.Matched[i] == wanted)
                {
                    keep.Add(i);
                }
            }

            for (var start = 0; start < keep.Count; start += context.BatchSize)
            {
                var chunk = keep.GetRange(start, Math.Min(context.BatchSize, keep.Count - start)).ToArray();
                yield return BatchOps.WithSchema(BatchOps.Take(build.Rows, chunk), Schema);
            }
        }
        else if (last && build.Matched is { } matched)
        {
            // The last probe partition to finish emits the build rows nobody matched.
            var unmatched = new List<int>();
            for (var i = 0; i < matched.Length; i++)
            {
                if (!matched[i])
                {
                    unmatched.Add(i);
                }
            }

            for (var start = 0; start < unmatched.Count; start += context.BatchSize)
            {
                var chunk = unmatched.GetRange(start, Math.Min(context.BatchSize, unmatched.Count - start)).ToArray();
                var nulls = new int[chunk.Length];
                nulls.AsSpan().Fill(-1);
                yield return Assemble(null, nulls, build.Rows, chunk);
            }
        }
    }

    /// <summary>
    /// The output of one probe batch. Its pairs come in chunks of a bounded size, each checked against the residual and
    /// emitted (inner and outer joins) before the next is made, so a batch that pairs with millions of build rows streams
    /// out in batches and stops as soon as the query is cancelled. Semi, anti and mark joins only track which probe rows
    /// matched; without a residual they ask the table for that directly and make no pairs.
    /// </summary>
    private IEnumerable<RecordBatch> ProbeBatch(RecordBatch batch, JoinSide build, bool buildEmpty, EvaluationContext evaluation,
        List<int> probeRows, List<int> buildRows, int batchSize, CancellationToken cancellationToken)
    {
        var emitsPairs = !BuildSideFilter && JoinType is not (JoinType.Semi or JoinType.Anti or JoinType.Mark);
        var hit = !BuildSideFilter && (PreserveProbe || !emitsPairs) ? new bool[batch.Length] : null;
        if (!buildEmpty)
        {
            var pairs = StartPairs(batch, build, evaluation);
            if (Residual is null && !emitsPairs && (build.Matched is null || hit is null))
            {
                if (hit is not null)
                {
                    pairs.Hits(hit);
                }
                else
                {
                    pairs.MarkBuildRows(build.Matched!);
                }
            }
            else
            {
                var maxPairs = Math.Max(batchSize, MinPairsPerChunk);
                bool done;
                do
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    probeRows.Clear();
                    buildRows.Clear();
                    done = pairs.Next(maxPairs, probeRows, buildRows);
                    if (probeRows.Count == 0)
                    {
                        continue;
                    }

                    var p = probeRows.ToArray();
                    var b = buildRows.ToArray();
                    if (Residual is not null)
                    {
                        (p, b) = ApplyResidual(batch, build.Rows, p, b, evaluation, batchSize);
                    }

                    if (build.Matched is { } matched)
                    {
                        foreach (var row in b)
                        {
                            matched[row] = true;
                        }
                    }

                    if (hit is not null)
                    {
                        foreach (var row in p)
                        {
                            hit[row] = true;
                        }
                    }

                    if (emitsPairs)
                    {
                        for (var start = 0; start < p.Length; start += batchSize)
                        {
                            var count = Math.Min(batchSize, p.Length - start);
                            yield return Assemble(batch, p.AsSpan(start, count), build.Rows, b.AsSpan(start, count));
                        }
                    }
                }
                while (!done);
            }
        }

        if (BuildSideFilter)
        {
            // Output comes at the end, from the marked build rows.
            yield break;
        }

        switch (JoinType)
        {
            case JoinType.Semi or JoinType.Anti:
            {
                var keep = new List<int>();
                if (JoinType == JoinType.Semi)
                {
                    for (var i = 0; i < hit!.Length; i++)
                    {
                        if (hit[i])
                        {
                            keep.Add(i);
                        }
                    }
                }
                else if (!(NullAware && build.Table?.HasNullKey == true))
                {
                    // NOT IN: a NULL probe key is unknown (dropped) unless the subquery was empty.
                    var nulls = NullAware && !buildEmpty ? ProbeKeyNulls(batch, evaluation) : null;
                    for (var i = 0; i < hit!.Length; i++)
                    {
                        if (!hit[i] && (nulls is null || !nulls[i]))
                        {
                            keep.Add(i);
                        }
                    }
                }

                if (keep.Count > 0)
                {
                    yield return keep.Count == batch.Length ? BatchOps.WithSchema(batch, Schema) : BatchOps.WithSchema(BatchOps.Take(batch, keep.ToArray()), Schema);
                }

                yield break;
            }

            case JoinType.Mark:
            {
                var nulls = NullAware && !buildEmpty ? ProbeKeyNulls(batch, evaluation) : null;
                var buildHasNull = NullAware && build.Table?.HasNullKey == true;
                var values = Bitmap.AllClear(batch.Length);
                var validity = Bitmap.AllSet(batch.Length);
                var anyNull = false;
                for (var i = 0; i < hit!.Length; i++)
                {
                    if (hit[i])
                    {
                        Bitmap.Set(values, i);
                    }
                    else if (!buildEmpty && (buildHasNull || (nulls is not null && nulls[i])))
                    {
                        Bitmap.Clear(validity, i);
                        anyNull = true;
                    }
                }

                var columns = new IArrowArray[batch.ColumnCount + 1];
                for (var c = 0; c < batch.ColumnCount; c++)
                {
                    columns[c] = batch.Column(c);
                }

                columns[^1] = ArrayFactory.Boolean(values, batch.Length, anyNull ? validity : null);
                yield return new RecordBatch(Schema, columns, batch.Length);
                yield break;
            }
        }

        if (PreserveProbe)
        {
            // Each probe row that found no partner, padded with NULLs on the build side, after the batch's pairs.
            var extraProbe = new List<int>();
            for (var i = 0; i < hit!.Length; i++)
            {
                if (!hit[i])
                {
                    extraProbe.Add(i);
                }
            }

            for (var start = 0; start < extraProbe.Count; start += batchSize)
            {
                var chunk = extraProbe.GetRange(start, Math.Min(batchSize, extraProbe.Count - start)).ToArray();
                var pad = new int[chunk.Length];
                pad.AsSpan().Fill(-1);
                yield return Assemble(batch, chunk, build.Rows, pad);
            }
        }
    }

    private (int[] Probe, int[] Build) ApplyResidual(RecordBatch probe, RecordBatch build, int[] p, int[] b, EvaluationContext evaluation, int batchSize)
    {
        var keepProbe = new List<int>(p.Length);
        var keepBuild = new List<int>(p.Length);
        for (var start = 0; start < p.Length; start += batchSize)
        {
            var count = Math.Min(batchSize, p.Length - start);
            var pc = p.AsSpan(start, count);
            var bc = b.AsSpan(start, count);
            var joined = AssembleFull(probe, pc, build, bc);
            var result = Residual!.Evaluate(joined, evaluation);
            if (result.IsScalar)
            {
                if (result.Scalar!.Value is true)
                {
                    keepProbe.AddRange(pc);
                    keepBuild.AddRange(bc);
                }

                continue;
            }

            var selection = BatchOps.Selection((BooleanArray)result.Array!, out var selected);
            for (var i = 0; i < selected; i++)
            {
                keepProbe.Add(pc[selection[i]]);
                keepBuild.Add(bc[selection[i]]);
            }
        }

        return (keepProbe.ToArray(), keepBuild.ToArray());
    }

    /// <summary>Left columns then right columns for the pairs, whatever the join type (the residual sees both sides).</summary>
    private RecordBatch AssembleFull(RecordBatch probe, ReadOnlySpan<int> p, RecordBatch build, ReadOnlySpan<int> b)
    {
        var left = BuildLeft ? build : probe;
        var right = BuildLeft ? probe : build;
        var li = BuildLeft ? b : p;
        var ri = BuildLeft ? p : b;
        var columns = new IArrowArray[left.ColumnCount + right.ColumnCount];
        for (var c = 0; c < left.ColumnCount; c++)
        {
            columns[c] = ArrayTake.Take(left.Column(c), li);
        }

        for (var c = 0; c < right.ColumnCount; c++)
        {
            columns[left.ColumnCount + c] = ArrayTake.Take(right.Column(c), ri);
        }

        return new RecordBatch(JoinedSchema, columns, p.Length);
    }

    private Schema? _joinedSchema;

    private Schema JoinedSchema => _joinedSchema ??= BuildSchema([.. Left.Fields, .. Right.Fields.Select(f => f with { Nullable = true })]);

    private RecordBatch Assemble(RecordBatch? probe, ReadOnlySpan<int> p, RecordBatch build, ReadOnlySpan<int> b)
    {
        var probeSchemaSource = probe ?? BatchOps.Empty(Probe.Schema);
        var full = AssembleFull(probeSchemaSource, p, build, b);
        return BatchOps.WithSchema(full, Schema);
    }

    /// <summary>The output fields for a join type over the two inputs' fields.</summary>
    public static IReadOnlyList<PhysicalField> OutputFields(JoinType type, IReadOnlyList<PhysicalField> left, IReadOnlyList<PhysicalField> right, string markName = "mark") => type switch
    {
        JoinType.Inner => [.. left, .. right],
        JoinType.Left => [.. left, .. right.Select(f => f with { Nullable = true })],
        JoinType.Right => [.. left.Select(f => f with { Nullable = true }), .. right],
        JoinType.Full => [.. left.Select(f => f with { Nullable = true }), .. right.Select(f => f with { Nullable = true })],
        JoinType.Mark => [.. left, new PhysicalField(markName, SqlType.Boolean, true)],
        _ => left,
    };
}
