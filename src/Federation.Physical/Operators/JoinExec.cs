using System.Runtime.CompilerServices;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Execution;
using Federation.Logical.Plans;
using Federation.Physical.Expressions;
using Federation.Physical.Spilling;

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

    /// <summary>The level of repartitioning from which a spilled join's partition is loaded whole (or fails).</summary>
    private const int ForcedPartitionLevel = 2;

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

    /// <summary>
    /// Each row's key hash, to split a build side that would pass the memory limit and the probe rows alike into spill
    /// partitions (grace hash join); null when the join has no keys to split by, and so cannot spill.
    /// </summary>
    private protected virtual ulong[]? KeyHashes(RecordBatch batch, bool buildSide, EvaluationContext evaluation) => null;

    /// <summary>
    /// Per build row, whether a key compared with = is NULL (null: no such row): such a row matches nothing, so a build
    /// side that spills keeps it out of the hash partitions, where all of them would crowd into one.
    /// </summary>
    private protected virtual bool[]? BuildKeyNulls(RecordBatch buildRows, EvaluationContext evaluation) => null;

    /// <summary>Whether this join can spill its build side: it has keys to partition by.</summary>
    private protected virtual bool CanSpill => false;

    private async Task<JoinSide> BuildSideAsync(TaskContext context, CancellationToken cancellationToken)
    {
        var batches = new List<RecordBatch>();
        // Held until the query ends: the build side lives as long as any probe partition runs.
        var spill = CanSpill ? context.Spill : null;
        var reservation = spill is null ? context.Memory.Reserve(Name + " build side") : context.Memory.ReserveSpillable(Name + " build side");
        var evaluation = EvaluationContext.From(context);
        long bytes = 0;
        BuildSpill? spilled = null;
        try
        {
            await foreach (var batch in CoalescePartitionsExec.Merge(Build, context, cancellationToken).ConfigureAwait(false))
            {
                if (spilled is not null)
                {
                    await spilled.AddAsync(batch, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                batches.Add(batch);
                bytes += BatchOps.ByteSize(batch);
                if (spill is null)
                {
                    reservation.Resize(bytes);
                }
                else if (!reservation.TryResize(bytes))
                {
                    // Grace hash join: the build rows go to partitions on disk by key hash, and so will the probe rows.
                    spilled = new BuildSpill(this, spill, context, evaluation);
                    foreach (var held in batches)
                    {
                        await spilled.AddAsync(held, cancellationToken).ConfigureAwait(false);
                    }

                    batches.Clear();
                    reservation.Dispose();
                }
            }

            if (spilled is null)
            {
                var rows = batches.Count == 0 ? BatchOps.Empty(Build.Schema) : BatchOps.Concat(Build.Schema, batches);
                var table = BuildTable(rows, evaluation);
                if (spill is null || reservation.TryResize(bytes + (table?.SizeInBytes ?? 0)))
                {
                    reservation.Resize(bytes + (table?.SizeInBytes ?? 0));
                    if (table is not null)
                    {
                        PublishKeys(table, rows, evaluation, context);
                    }

                    return new JoinSide(rows, table, PreserveBuild || BuildSideFilter, Probe.OutputPartitionCount);
                }

                // The rows fit but their table does not: spill them after all.
                spilled = new BuildSpill(this, spill, context, evaluation);
                for (var start = 0; start < rows.Length; start += context.BatchSize)
                {
                    await spilled.AddAsync(BatchOps.Slice(rows, start, Math.Min(context.BatchSize, rows.Length - start)), cancellationToken).ConfigureAwait(false);
                }

                reservation.Dispose();
            }

            // No dynamic filter is published: no table of the whole build side is ever made. The scans under the probe
            // side then keep every row, which is correct, only slower.
            var files = await spilled.Partitions.FinishAsync(cancellationToken).ConfigureAwait(false);
            return new JoinSide(BatchOps.Empty(Build.Schema), new SpilledJoinBuild(files, spilled.NullKeyRows, Probe.OutputPartitionCount),
                spilled.Partitions.Rows > 0 || spilled.AnyNullKey, spilled.AnyNullKey);
        }
        finally
        {
            if (spilled is not null)
            {
                await spilled.Partitions.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The build rows of a grace hash join on their way to the spill partitions. Rows with a NULL key match nothing:
    /// they are kept apart (in memory: a join that keeps them emits them at the end) or dropped.
    /// </summary>
    private sealed class BuildSpill(JoinExec join, QuerySpill spill, TaskContext context, EvaluationContext evaluation)
    {
        private readonly List<RecordBatch> _nullKeyRows = [];

        public SpillPartitions Partitions { get; } = new(spill, join.Build.Schema, context.MetricsFor(join), context.BatchSize, 0);

        public bool AnyNullKey { get; private set; }

        /// <summary>Build rows with a NULL key, which the join emits unmatched (outer joins keeping the build side, anti joins emitting it).</summary>
        public RecordBatch? NullKeyRows => _nullKeyRows.Count == 0 ? null : BatchOps.Concat(join.Build.Schema, _nullKeyRows);

        public async ValueTask AddAsync(RecordBatch batch, CancellationToken cancellationToken)
        {
            if (join.BuildKeyNulls(batch, evaluation) is { } nulls && nulls.Contains(true))
            {
                AnyNullKey = true;
                var keyed = new List<int>(batch.Length);
                var unkeyed = new List<int>();
                for (var i = 0; i < nulls.Length; i++)
                {
                    (nulls[i] ? unkeyed : keyed).Add(i);
                }

                if (join.PreserveBuild || (join.BuildSideFilter && join.JoinType == JoinType.Anti))
                {
                    _nullKeyRows.Add(BatchOps.Take(batch, unkeyed.ToArray()));
                }

                batch = BatchOps.Take(batch, keyed.ToArray());
            }

            await Partitions.AddAsync(batch, join.KeyHashes(batch, buildSide: true, evaluation)!, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Lazy: concurrent partitions must not start the build twice.
        var buildTask = context.GetOrCreateState(this, () => new Lazy<Task<JoinSide>>(() => BuildSideAsync(context, context.CancellationToken)));
        var build = await buildTask.Value.ConfigureAwait(false);
        var evaluation = EvaluationContext.From(context);
        if (build.Spilled is { } spilled)
        {
            await foreach (var batch in SpilledAsync(partition, build, spilled, context, evaluation, cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }

            yield break;
        }

        var buildEmpty = build.Rows.Length == 0;

        // Nothing can come out of these joins when the build side is empty: do not even read the probe side.
        var skipProbe = buildEmpty && !PreserveProbe && (BuildSideFilter || JoinType is not (JoinType.Anti or JoinType.Mark));
        if (!skipProbe)
        {
            await foreach (var batch in ProbeAllAsync(Probe.ExecuteAsync(partition, context), build, evaluation, context.BatchSize, cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }
        }

        if (Interlocked.Decrement(ref build.RemainingProbes) == 0)
        {
            foreach (var batch in BuildSideOutput(build, context.BatchSize))
            {
                yield return batch;
            }
        }
    }

    /// <summary>Joins a stream of probe batches with a build side, coalescing the output into batches.</summary>
    private async IAsyncEnumerable<RecordBatch> ProbeAllAsync(IAsyncEnumerable<RecordBatch> probe, JoinSide build, EvaluationContext evaluation, int batchSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var probeRows = new List<int>();
        var buildRows = new List<int>();
        var buildEmpty = build.Rows.Length == 0;
        var coalescer = new BatchCoalescer(batchSize);
        await foreach (var batch in probe.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var any = false;
            foreach (var output in ProbeBatch(batch, build, buildEmpty, evaluation, probeRows, buildRows, batchSize, cancellationToken))
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

    /// <summary>
    /// What comes from the build side once every probe row has been seen: the matched (semi) or unmatched (anti) build
    /// rows of a join that keeps the build side, or the unmatched ones padded with NULLs (outer joins that keep it).
    /// </summary>
    private IEnumerable<RecordBatch> BuildSideOutput(JoinSide build, int batchSize)
    {
        if (BuildSideFilter)
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

            for (var start = 0; start < keep.Count; start += batchSize)
            {
                var chunk = keep.GetRange(start, Math.Min(batchSize, keep.Count - start)).ToArray();
                yield return BatchOps.WithSchema(BatchOps.Take(build.Rows, chunk), Schema);
            }
        }
        else if (build.Matched is { } matched)
        {
            var unmatched = new List<int>();
            for (var i = 0; i < matched.Length; i++)
            {
                if (!matched[i])
                {
                    unmatched.Add(i);
                }
            }

            for (var start = 0; start < unmatched.Count; start += batchSize)
            {
                var chunk = unmatched.GetRange(start, Math.Min(batchSize, unmatched.Count - start)).ToArray();
                var nulls = new int[chunk.Length];
                nulls.AsSpan().Fill(-1);
                yield return Assemble(null, nulls, build.Rows, chunk);
            }
        }
    }

    /// <summary>
    /// A probe partition of a join whose build side spilled: it writes its probe rows to partitions by key hash, waits
    /// until every probe partition has, then joins the hash partitions that fall to it (p mod N) one at a time.
    /// </summary>
    private async IAsyncEnumerable<RecordBatch> SpilledAsync(int partition, JoinSide build, SpilledJoinBuild spilled, TaskContext context, EvaluationContext evaluation,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var spill = context.Spill!;
        var arrived = false;
        try
        {
            var partitions = new SpillPartitions(spill, Probe.Schema, context.MetricsFor(this), context.BatchSize, 0);
            await using (partitions.ConfigureAwait(false))
            {
                await foreach (var batch in Probe.ExecuteAsync(partition, context).WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    await partitions.AddAsync(batch, KeyHashes(batch, buildSide: false, evaluation)!, cancellationToken).ConfigureAwait(false);
                }

                var files = await partitions.FinishAsync(cancellationToken).ConfigureAwait(false);
                arrived = true;
                spilled.Arrive(partition, files);
            }
        }
        catch (Exception e) when (!arrived)
        {
            arrived = true;
            spilled.Fail(e);
            throw;
        }
        finally
        {
            if (!arrived)
            {
                // Abandoned by its reader before the end of its probe rows: the others must not wait for it forever.
                spilled.Fail(new OperationCanceledException("a probe partition of the join stopped"));
            }
        }

        await spilled.AllProbed.WaitAsync(cancellationToken).ConfigureAwait(false);
        var probePartitions = spilled.ProbeFiles.Length;
        for (var p = partition; p < SpillPartitions.Fanout; p += probePartitions)
        {
            var buildFiles = spilled.BuildFiles[p] is { } b ? new List<SpillFile> { b } : [];
            var probeFiles = new List<SpillFile>();
            foreach (var files in spilled.ProbeFiles)
            {
                if (files?[p] is { } f)
                {
                    probeFiles.Add(f);
                }
            }

            await foreach (var batch in JoinPartitionAsync(buildFiles, probeFiles, 0, build, context, evaluation, cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }
        }

        if (partition == 0 && spilled.NullKeyRows is { } nullKeyRows)
        {
            // Build rows with a NULL key matched nothing: what keeps unmatched build rows keeps them.
            var side = new JoinSide(nullKeyRows, null, trackMatches: true, 1);
            foreach (var batch in BuildSideOutput(side, context.BatchSize))
            {
                yield return batch;
            }
        }
    }

    /// <summary>
    /// Joins one hash partition of a spilled join: its build rows in memory (split again by the next bits of the hash
    /// when they still do not fit), then its probe rows streamed past them.
    /// </summary>
    private async IAsyncEnumerable<RecordBatch> JoinPartitionAsync(List<SpillFile> buildFiles, List<SpillFile> probeFiles, int level, JoinSide whole, TaskContext context,
        EvaluationContext evaluation, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            var buildRowCount = buildFiles.Sum(f => f.Rows);
            if (buildRowCount == 0 && !PreserveProbe && (BuildSideFilter || JoinType is not (JoinType.Anti or JoinType.Mark)))
            {
                // No build row has these keys: nothing of this partition can come out.
                yield break;
            }

            using var reservation = context.Memory.ReserveSpillable(Name + " build partition");
            // Split twice and still too big: its keys are skewed, or other operators hold the memory. It is loaded
            // whole if the limit allows, and fails with the limit's error if not.
            var force = level >= ForcedPartitionLevel;
            var batches = new List<RecordBatch>();
            long bytes = 0;
            var fits = true;
            await foreach (var batch in ReadAllAsync(buildFiles, cancellationToken).ConfigureAwait(false))
            {
                batches.Add(batch);
                bytes += BatchOps.ByteSize(batch);
                if (force)
                {
                    reservation.Resize(bytes);
                }
                else if (!reservation.TryResize(bytes))
                {
                    fits = false;
                    break;
                }
            }

            JoinSide? side = null;
            if (fits)
            {
                var rows = batches.Count == 0 ? BatchOps.Empty(Build.Schema) : BatchOps.Concat(Build.Schema, batches);
                batches.Clear();
                var table = rows.Length == 0 ? null : BuildTable(rows, evaluation);
                var total = bytes + (table?.SizeInBytes ?? 0);
                if (force)
                {
                    reservation.Resize(total);
                }

                if (force || reservation.TryResize(total))
                {
                    side = new JoinSide(rows, table, PreserveBuild || BuildSideFilter, 1, whole.AnyRows, whole.HasNullKey);
                }
            }

            if (side is null)
            {
                batches.Clear();
                reservation.Resize(0);
                await foreach (var batch in RepartitionAsync(buildFiles, probeFiles, level + 1, whole, context, evaluation, cancellationToken).ConfigureAwait(false))
                {
                    yield return batch;
                }

                yield break;
            }

            await foreach (var batch in ProbeAllAsync(ReadAllAsync(probeFiles, cancellationToken), side, evaluation, context.BatchSize, cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }

            foreach (var batch in BuildSideOutput(side, context.BatchSize))
            {
                yield return batch;
            }
        }
        finally
        {
            foreach (var file in buildFiles)
            {
                file.Delete();
            }

            foreach (var file in probeFiles)
            {
                file.Delete();
            }
        }
    }

    /// <summary>Splits a partition that does not fit by the next bits of the key hash and joins each part.</summary>
    private async IAsyncEnumerable<RecordBatch> RepartitionAsync(List<SpillFile> buildFiles, List<SpillFile> probeFiles, int level, JoinSide whole, TaskContext context,
        EvaluationContext evaluation, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var spill = context.Spill!;
        var metrics = context.MetricsFor(this);
        SpillFile?[] buildParts;
        var build = new SpillPartitions(spill, Build.Schema, metrics, context.BatchSize, level);
        await using (build.ConfigureAwait(false))
        {
            await foreach (var batch in ReadAllAsync(buildFiles, cancellationToken).ConfigureAwait(false))
            {
                await build.AddAsync(batch, KeyHashes(batch, buildSide: true, evaluation)!, cancellationToken).ConfigureAwait(false);
            }

            buildParts = await build.FinishAsync(cancellationToken).ConfigureAwait(false);
        }

        SpillFile?[] probeParts;
        var probe = new SpillPartitions(spill, Probe.Schema, metrics, context.BatchSize, level);
        await using (probe.ConfigureAwait(false))
        {
            await foreach (var batch in ReadAllAsync(probeFiles, cancellationToken).ConfigureAwait(false))
            {
                await probe.AddAsync(batch, KeyHashes(batch, buildSide: false, evaluation)!, cancellationToken).ConfigureAwait(false);
            }

            probeParts = await probe.FinishAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var file in buildFiles)
        {
            file.Delete();
        }

        foreach (var file in probeFiles)
        {
            file.Delete();
        }

        for (var p = 0; p < SpillPartitions.Fanout; p++)
        {
            var b = buildParts[p] is { } bf ? new List<SpillFile> { bf } : [];
            var q = probeParts[p] is { } pf ? new List<SpillFile> { pf } : [];
            await foreach (var batch in JoinPartitionAsync(b, q, level, whole, context, evaluation, cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }
        }
    }

    private static async IAsyncEnumerable<RecordBatch> ReadAllAsync(List<SpillFile> files, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            await foreach (var batch in file.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
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
                else if (!(NullAware && build.HasNullKey))
                {
                    // NOT IN: a NULL probe key is unknown (dropped) unless the subquery was empty.
                    var nulls = NullAware && build.AnyRows ? ProbeKeyNulls(batch, evaluation) : null;
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
                var nulls = NullAware && build.AnyRows ? ProbeKeyNulls(batch, evaluation) : null;
                var buildHasNull = NullAware && build.HasNullKey;
                var values = Bitmap.AllClear(batch.Length);
                var validity = Bitmap.AllSet(batch.Length);
                var anyNull = false;
                for (var i = 0; i < hit!.Length; i++)
                {
                    if (hit[i])
                    {
                        Bitmap.Set(values, i);
                    }
                    else if (build.AnyRows && (buildHasNull || (nulls is not null && nulls[i])))
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
