using System.Runtime.CompilerServices;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Execution;
using Federation.Functions.Aggregates;
using Federation.Physical.Expressions;
using Federation.Physical.Hashing;
using Federation.Physical.Spilling;

namespace Federation.Physical.Operators;

/// <summary>
/// Hash aggregation. Group keys are interned into dense ids (<see cref="GroupIndex"/>), then every aggregate
/// updates its per-group slots for the whole batch in one call (<see cref="GroupsAccumulator"/>). DISTINCT
/// aggregates first drop rows whose (group, arguments) were seen before. Output: group columns, then one column
/// per aggregate (Partial mode: that aggregate's state columns).
/// </summary>
public sealed class HashAggregateExec : PhysicalOperator
{
    /// <param name="partitioned">Final/Single over hash-partitioned input: each partition aggregates its own groups.</param>
    /// <param name="expectedGroups">The planner's estimate of the groups (0: none), to size the hash table once.</param>
    public HashAggregateExec(AggregateMode mode, PhysicalOperator input, IReadOnlyList<PhysicalExpr> groupExprs,
        IReadOnlyList<AggregateSpec> aggregates, IReadOnlyList<PhysicalField> fields, bool partitioned = false, long expectedGroups = 0)
        : base(fields)
    {
        Mode = mode;
        Partitioned = partitioned;
        ExpectedGroups = expectedGroups;
        Input = input;
        GroupExprs = groupExprs;
        Aggregates = aggregates;
    }

    public AggregateMode Mode { get; }

    public bool Partitioned { get; }

    public long ExpectedGroups { get; }

    public PhysicalOperator Input { get; }

    public IReadOnlyList<PhysicalExpr> GroupExprs { get; }

    public IReadOnlyList<AggregateSpec> Aggregates { get; }

    public override string Name => "AggregateExec";

    public override string Details =>
        $"mode={Mode}{(Partitioned ? "Partitioned" : string.Empty)}, gby=[{string.Join(", ", GroupExprs)}], aggr=[{string.Join(", ", Aggregates)}]";

    public override int OutputPartitionCount => Mode == AggregateMode.Partial || Partitioned ? Input.OutputPartitionCount : 1;

    public override IReadOnlyList<PhysicalOperator> Children => [Input];

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) =>
        new HashAggregateExec(Mode, children[0], GroupExprs, Aggregates, Fields, Partitioned, ExpectedGroups);

    /// <summary>
    /// Whether every aggregate's partial state can be merged (no DISTINCT, no single-phase aggregate such as ordered
    /// LISTAGG): a table that would pass the memory limit then writes its groups' states to disk by group hash and
    /// starts afresh, and the states are merged partition by partition at the end. Otherwise its input rows go to disk
    /// by group hash instead, to be aggregated partition by partition at the end.
    /// </summary>
    private bool StatesMerge => Mode == AggregateMode.Final || Aggregates.All(a => a.Binding.SupportsPartial && !a.Distinct);

    /// <summary>
    /// The most groups a table's first growth sizes it for: growing by doubling re-inserts every group at each step
    /// (TPC-H Q18's 1.5 million order keys: a third of the aggregate's time went to growing), but an estimate can be
    /// far off, so the table starts small all the same (Q1's four groups never grow it) and the size the estimate
    /// asks for stays bounded (24 MiB for a one-column key); it doubles from there if needed.
    /// </summary>
    private const long MaxInitialGroups = 1 << 20;

    /// <summary>
    /// The groups the first table of one partition grows to when it first grows: the estimate (a hash-partitioned final aggregate's
    /// partition holds its share), at most <see cref="MaxInitialGroups"/> and at most what a 32nd of the memory limit
    /// holds (at about 48 bytes a group), so that a wrong estimate can never make a query spill or fail.
    /// </summary>
    private int InitialGroups(TaskContext context)
    {
        if (ExpectedGroups <= 0 || GroupExprs.Count == 0)
        {
            return 0;
        }

        var perPartition = Partitioned ? ExpectedGroups / Math.Max(1, Input.OutputPartitionCount) : ExpectedGroups;
        return (int)Math.Min(perPartition, Math.Min(MaxInitialGroups, context.Memory.LimitBytes / 32 / 48));
    }

    /// <summary>The level of repartitioning from which a spilled partition is aggregated whole (or fails).</summary>
    private const int ForcedPartitionLevel = 3;

    /// <summary>What a batch holds: input rows, partial states (Final mode's input), or states this aggregate spilled.</summary>
    private enum InputKind
    {
        Rows,
        States,
        SpilledStates,
    }

    protected override async IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var source = Mode == AggregateMode.Partial || Partitioned ? Input.ExecuteAsync(partition, context) : CoalescePartitionsExec.Merge(Input, context, cancellationToken);
        var kind = Mode == AggregateMode.Final ? InputKind.States : InputKind.Rows;
        await foreach (var batch in AggregateAsync(source, kind, 0, context, cancellationToken).ConfigureAwait(false))
        {
            yield return batch;
        }
    }

    /// <summary>
    /// Aggregates a stream: the whole input (level 0) or one spilled partition (level 1 on, split again by the next
    /// bits of the group keys' hash when it still does not fit).
    /// </summary>
    private async IAsyncEnumerable<RecordBatch> AggregateAsync(IAsyncEnumerable<RecordBatch> source, InputKind kind, int level, TaskContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var evaluation = EvaluationContext.From(context);
        // Only the first table is sized from the estimate: one made after emitting or spilling starts small.
        var table = new GroupTable(this, evaluation, level == 0 ? InitialGroups(context) : 0);
        // Hash aggregation without groups holds one group; a partial aggregate that would pass the limit emits its groups
        // early instead (the final aggregate merges them), which needs no disk. Split twice and still too big, a
        // partition is aggregated whole if the limit allows, and fails with the limit's error if not.
        var spill = GroupExprs.Count == 0 || Mode == AggregateMode.Partial || level >= ForcedPartitionLevel ? null : context.Spill;
        var emitEarly = Mode == AggregateMode.Partial && GroupExprs.Count > 0 && context.Options.EnableSpill;
        using var reservation = spill is null && !emitEarly ? context.Memory.Reserve(Name) : context.Memory.ReserveSpillable(Name);
        SpillPartitions? partitions = null;
        // Aggregates whose states cannot be merged (DISTINCT, ordered LISTAGG) can only be computed again from their
        // rows: while the table fits, the rows it came from are held (and counted) too, so that when it would not fit
        // they can go to disk instead, and every later row after them.
        var keepRows = spill is not null && !StatesMerge;
        var heldRows = new List<RecordBatch>();
        long heldBytes = 0;
        var rowsToDisk = false;
        try
        {
            await foreach (var batch in source.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (rowsToDisk)
                {
                    await partitions!.AddAsync(batch, table.KeyHashes(batch, kind), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                table.Add(batch, kind);
                var total = table.SizeInBytes;
                if (keepRows)
                {
                    heldRows.Add(batch);
                    heldBytes += BatchOps.ByteSize(batch);
                    total += heldBytes;
                }

                if (spill is null && !emitEarly)
                {
                    reservation.Resize(total);
                    continue;
                }

                if (reservation.TryResize(total))
                {
                    continue;
                }

                if (emitEarly)
                {
                    foreach (var output in table.Output(context.BatchSize))
                    {
                        yield return output;
                    }

                    table = new GroupTable(this, evaluation, 0);
                    reservation.Resize(0);
                    context.MetricsFor(this).Add("early_emits", 1);
                    continue;
                }

                if (keepRows)
                {
                    partitions = new SpillPartitions(spill!, batch.Schema, context.MetricsFor(this), context.BatchSize, level);
                    foreach (var held in heldRows)
                    {
                        await partitions.AddAsync(held, table.KeyHashes(held, kind), cancellationToken).ConfigureAwait(false);
                    }

                    heldRows.Clear();
                    heldBytes = 0;
                    rowsToDisk = true;
                }
                else
                {
                    partitions ??= new SpillPartitions(spill!, SpilledStateSchema, context.MetricsFor(this), context.BatchSize, level);
                    await table.SpillStatesAsync(partitions, context.BatchSize, cancellationToken).ConfigureAwait(false);
                }

                table = new GroupTable(this, evaluation, 0);
                reservation.Resize(0);
            }

            heldRows.Clear();
            if (partitions is null)
            {
                foreach (var output in table.Output(context.BatchSize))
                {
                    yield return output;
                }

                yield break;
            }

            if (!rowsToDisk)
            {
                await table.SpillStatesAsync(partitions, context.BatchSize, cancellationToken).ConfigureAwait(false);
            }

            table = new GroupTable(this, evaluation, 0);
            reservation.Resize(0);

            var files = await partitions.FinishAsync(cancellationToken).ConfigureAwait(false);
            var spilledKind = rowsToDisk ? kind : InputKind.SpilledStates;
            foreach (var file in files)
            {
                if (file is null)
                {
                    continue;
                }

                try
                {
                    await foreach (var output in AggregateAsync(file.ReadAsync(cancellationToken), spilledKind, level + 1, context, cancellationToken).ConfigureAwait(false))
                    {
                        yield return output;
                    }
                }
                finally
                {
                    file.Delete();
                }
            }
        }
        finally
        {
            if (partitions is not null)
            {
                await partitions.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private Schema? _spilledStateSchema;

    /// <summary>The groups' keys, then each aggregate's state columns: what a table of mergeable states spills.</summary>
    private Schema SpilledStateSchema => _spilledStateSchema ??= BuildSchema(SpilledStateFields());

    private List<PhysicalField> SpilledStateFields()
    {
        var fields = new List<PhysicalField>();
        for (var k = 0; k < GroupExprs.Count; k++)
        {
            fields.Add(Fields[k]);
        }

        for (var a = 0; a < Aggregates.Count; a++)
        {
            var states = Aggregates[a].Binding.StateTypes!;
            for (var j = 0; j < states.Count; j++)
            {
                fields.Add(new PhysicalField($"{Aggregates[a].Name}_state{j}", states[j], true));
            }
        }

        return fields;
    }

    /// <summary>
    /// The groups of one aggregation: their keys interned into dense ids, the key values of each new group, and every
    /// aggregate's per-group slots.
    /// </summary>
    private sealed class GroupTable
    {
        private readonly HashAggregateExec _exec;
        private readonly EvaluationContext _evaluation;
        private readonly GroupIndex? _index;
        private readonly GroupsAccumulator[] _accumulators;
        private readonly GroupIndex?[] _distinctIndexes;
        private readonly List<IArrowArray[]> _keyParts = [];
        private readonly List<int> _newGroupRows = [];
        private int _groupCount;
        private long _keyBytes;

        /// <param name="initialGroups">Groups to size the index for at once (0: its smallest size).</param>
        public GroupTable(HashAggregateExec exec, EvaluationContext evaluation, int initialGroups)
        {
            _exec = exec;
            _evaluation = evaluation;
            var groupTypes = exec.GroupExprs.Select(g => g.Type).ToArray();
            _index = exec.GroupExprs.Count == 0 ? null : GroupIndex.Create(groupTypes, initialGroups);
            _accumulators = exec.Aggregates.Select(a => a.Binding.CreateAccumulator()).ToArray();
            _distinctIndexes = exec.Aggregates.Select(a => a.Distinct ? GroupIndex.Create([SqlType.Int32, .. a.Arguments.Select(x => x.Type)]) : null).ToArray();
        }

        public long SizeInBytes
        {
            get
            {
                var total = _keyBytes + (_index?.SizeInBytes ?? 0);
                foreach (var acc in _accumulators)
                {
                    total += acc.SizeInBytes;
                }

                foreach (var d in _distinctIndexes)
                {
                    total += d?.SizeInBytes ?? 0;
                }

                return total;
            }
        }

        private IArrowArray[] Keys(RecordBatch batch, InputKind kind)
        {
            var keys = new IArrowArray[_exec.GroupExprs.Count];
            for (var k = 0; k < keys.Length; k++)
            {
                keys[k] = kind == InputKind.SpilledStates ? batch.Column(k) : _exec.GroupExprs[k].EvaluateToArray(batch, _evaluation);
            }

            return keys;
        }

        public ulong[] KeyHashes(RecordBatch batch, InputKind kind) =>
            RowHasher.Hash(Keys(batch, kind), _exec.GroupExprs.Select(g => g.Type).ToArray(), batch.Length);

        public void Add(RecordBatch batch, InputKind kind)
        {
            var n = batch.Length;
            var groupIds = new int[n];
            if (_index is not null)
            {
                var keys = Keys(batch, kind);
                _newGroupRows.Clear();
                _index.Intern(keys, n, groupIds, _newGroupRows);
                _groupCount = _index.GroupCount;
                if (_newGroupRows.Count > 0)
                {
                    var rows = _newGroupRows.ToArray();
                    var part = new IArrowArray[keys.Length];
                    for (var k = 0; k < keys.Length; k++)
                    {
                        part[k] = ArrayTake.Take(keys[k], rows);
                        _keyBytes += BatchOps.ByteSize(part[k]);
                    }

                    _keyParts.Add(part);
                }
            }
            else
            {
                _groupCount = 1;
            }

            var stateColumn = _exec.GroupExprs.Count;
            for (var a = 0; a < _exec.Aggregates.Count; a++)
            {
                var spec = _exec.Aggregates[a];
                switch (kind)
                {
                    case InputKind.States:
                    {
                        var states = spec.StateColumns.Select(c => batch.Column(c)).ToArray();
                        _accumulators[a].Merge(states, groupIds, _groupCount);
                        break;
                    }

                    case InputKind.SpilledStates:
                    {
                        var count = spec.Binding.StateTypes!.Count;
                        var states = new IArrowArray[count];
                        for (var j = 0; j < count; j++)
                        {
                            states[j] = batch.Column(stateColumn + j);
                        }

                        stateColumn += count;
                        _accumulators[a].Merge(states, groupIds, _groupCount);
                        break;
                    }

                    default:
                        Update(spec, _accumulators[a], _distinctIndexes[a], batch, groupIds, _groupCount, _evaluation);
                        break;
                }
            }
        }

        /// <summary>Writes the groups' keys and states to the partitions by key hash.</summary>
        public async ValueTask SpillStatesAsync(SpillPartitions partitions, int batchSize, CancellationToken cancellationToken)
        {
            if (_groupCount == 0)
            {
                return;
            }

            var columns = KeyColumns();
            foreach (var acc in _accumulators)
            {
                columns.AddRange(acc.State(_groupCount));
            }

            var states = new RecordBatch(_exec.SpilledStateSchema, columns, _groupCount);
            for (var start = 0; start < _groupCount; start += batchSize)
            {
                var slice = BatchOps.Slice(states, start, Math.Min(batchSize, _groupCount - start));
                await partitions.AddAsync(slice, KeyHashes(slice, InputKind.SpilledStates), cancellationToken).ConfigureAwait(false);
            }
        }

        private List<IArrowArray> KeyColumns()
        {
            var columns = new List<IArrowArray>(_exec.Fields.Count);
            for (var k = 0; k < _exec.GroupExprs.Count; k++)
            {
                var parts = _keyParts.Select(p => p[k]).ToList();
                columns.Add(parts.Count == 1 ? parts[0] : ArrayConcat.Concat(parts));
            }

            return columns;
        }

        /// <summary>The groups as the aggregate's output: keys, then states (Partial) or final values.</summary>
        public IEnumerable<RecordBatch> Output(int batchSize)
        {
            var groupCount = _groupCount;
            if (_index is null)
            {
                if (groupCount == 0 && _exec.Mode == AggregateMode.Partial)
                {
                    // No input: the final aggregate produces the one empty-input row.
                    yield break;
                }

                groupCount = 1;
            }

            if (groupCount == 0)
            {
                yield break;
            }

            var columns = KeyColumns();
            foreach (var acc in _accumulators)
            {
                if (_exec.Mode == AggregateMode.Partial)
                {
                    columns.AddRange(acc.State(groupCount));
                }
                else
                {
                    columns.Add(acc.Evaluate(groupCount));
                }
            }

            var result = new RecordBatch(_exec.Schema, columns, groupCount);
            for (var start = 0; start < groupCount; start += batchSize)
            {
                yield return BatchOps.Slice(result, start, Math.Min(batchSize, groupCount - start));
            }
        }
    }

    /// <summary>Feeds one batch to one aggregate: its FILTER, then DISTINCT, then the accumulator.</summary>
    private static void Update(AggregateSpec spec, GroupsAccumulator accumulator, GroupIndex? distinct, RecordBatch batch, int[] groupIds, int groupCount,
        EvaluationContext evaluation)
    {
        // FILTER first, and the arguments only on the rows it keeps, as PostgreSQL does: SUM(x / q) FILTER (WHERE q <> 0)
        // never divides by zero.
        var ids = groupIds;
        if (spec.Filter is not null)
        {
            var selection = BatchOps.Selection((BooleanArray)spec.Filter.EvaluateToArray(batch, evaluation), out var count);
            if (count < batch.Length)
            {
                var chosen = selection.AsSpan(0, count).ToArray();
                batch = BatchOps.Take(batch, chosen);
                ids = TakeIds(groupIds, chosen);
            }
        }

        var arguments = new IArrowArray[spec.Arguments.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = spec.Arguments[i].EvaluateToArray(batch, evaluation);
        }

        if (distinct is not null)
        {
            var keyArrays = new IArrowArray[arguments.Length + 1];
            keyArrays[0] = ArrayFactory.Fixed(SqlType.Int32, IdsToBytes(ids), ids.Length, null);
            arguments.CopyTo(keyArrays, 1);
            var firstRows = new List<int>();
            distinct.Intern(keyArrays, ids.Length, new int[ids.Length], firstRows);
            var chosen = firstRows.ToArray();
            arguments = TakeAll(arguments, chosen);
            ids = TakeIds(ids, chosen);
        }

        accumulator.Update(arguments, ids, groupCount);
    }

    private static IArrowArray[] TakeAll(IArrowArray[] arrays, int[] rows)
    {
        var result = new IArrowArray[arrays.Length];
        for (var i = 0; i < arrays.Length; i++)
        {
            result[i] = ArrayTake.Take(arrays[i], rows);
        }

        return result;
    }

    private static int[] TakeIds(int[] ids, ReadOnlySpan<int> rows)
    {
        var result = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            result[i] = ids[rows[i]];
        }

        return result;
    }

    private static byte[] IdsToBytes(ReadOnlySpan<int> ids)
    {
        var bytes = ArrayFactory.AllocateValues<int>(ids.Length);
        ids.CopyTo(ArrayFactory.ValuesOf<int>(bytes));
        return bytes;
    }

}
