using System.Runtime.CompilerServices;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Execution;
using Federation.Functions.Aggregates;
using Federation.Physical.Expressions;
using Federation.Physical.Hashing;

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
    public HashAggregateExec(AggregateMode mode, PhysicalOperator input, IReadOnlyList<PhysicalExpr> groupExprs,
        IReadOnlyList<AggregateSpec> aggregates, IReadOnlyList<PhysicalField> fields, bool partitioned = false)
        : base(fields)
    {
        Mode = mode;
        Partitioned = partitioned;
        Input = input;
        GroupExprs = groupExprs;
        Aggregates = aggregates;
    }

    public AggregateMode Mode { get; }

    public bool Partitioned { get; }

    public PhysicalOperator Input { get; }

    public IReadOnlyList<PhysicalExpr> GroupExprs { get; }

    public IReadOnlyList<AggregateSpec> Aggregates { get; }

    public override string Name => "AggregateExec";

    public override string Details =>
        $"mode={Mode}{(Partitioned ? "Partitioned" : string.Empty)}, gby=[{string.Join(", ", GroupExprs)}], aggr=[{string.Join(", ", Aggregates)}]";

    public override int OutputPartitionCount => Mode == AggregateMode.Partial || Partitioned ? Input.OutputPartitionCount : 1;

    public override IReadOnlyList<PhysicalOperator> Children => [Input];

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) =>
        new HashAggregateExec(Mode, children[0], GroupExprs, Aggregates, Fields, Partitioned);

    protected override async IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var evaluation = EvaluationContext.From(context);
        var groupTypes = GroupExprs.Select(g => g.Type).ToArray();
        var index = GroupExprs.Count == 0 ? null : GroupIndex.Create(groupTypes);
        var accumulators = Aggregates.Select(a => a.Binding.CreateAccumulator()).ToArray();
        var distinctIndexes = Aggregates.Select(a => a.Distinct ? GroupIndex.Create([SqlType.Int32, .. a.Arguments.Select(x => x.Type)]) : null).ToArray();
        var keyParts = new List<IArrowArray[]>();
        var groupCount = 0;
        long keyBytes = 0;
        using var reservation = context.Memory.Reserve(Name);

        var source = Mode == AggregateMode.Partial || Partitioned ? Input.ExecuteAsync(partition, context) : CoalescePartitionsExec.Merge(Input, context, cancellationToken);
        var newGroupRows = new List<int>();
        await foreach (var batch in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var n = batch.Length;
            var groupIds = new int[n];
            if (index is not null)
            {
                var keys = new IArrowArray[GroupExprs.Count];
                for (var k = 0; k < keys.Length; k++)
                {
                    keys[k] = GroupExprs[k].EvaluateToArray(batch, evaluation);
                }

                newGroupRows.Clear();
                index.Intern(keys, n, groupIds, newGroupRows);
                groupCount = index.GroupCount;
                if (newGroupRows.Count > 0)
                {
                    var rows = newGroupRows.ToArray();
                    var part = new IArrowArray[keys.Length];
                    for (var k = 0; k < keys.Length; k++)
                    {
                        part[k] = ArrayTake.Take(keys[k], rows);
                        keyBytes += BatchOps.ByteSize(part[k]);
                    }

                    keyParts.Add(part);
                }
            }
            else
            {
                groupCount = 1;
            }

            for (var a = 0; a < Aggregates.Count; a++)
            {
                var spec = Aggregates[a];
                if (Mode == AggregateMode.Final)
                {
                    var states = spec.StateColumns.Select(c => batch.Column(c)).ToArray();
                    accumulators[a].Merge(states, groupIds, groupCount);
                    continue;
                }

                Update(spec, accumulators[a], distinctIndexes[a], batch, groupIds, groupCount, evaluation);
            }

            var total = keyBytes + (index?.SizeInBytes ?? 0);
            foreach (var acc in accumulators)
            {
                total += acc.SizeInBytes;
            }

            foreach (var d in distinctIndexes)
            {
                total += d?.SizeInBytes ?? 0;
            }

            reservation.Resize(total);
        }

        if (index is null)
        {
            if (groupCount == 0 && Mode == AggregateMode.Partial)
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

        var columns = new List<IArrowArray>(Fields.Count);
        for (var k = 0; k < GroupExprs.Count; k++)
        {
            var parts = keyParts.Select(p => p[k]).ToList();
            columns.Add(parts.Count == 1 ? parts[0] : ArrayConcat.Concat(parts));
        }

        foreach (var acc in accumulators)
        {
            if (Mode == AggregateMode.Partial)
            {
                columns.AddRange(acc.State(groupCount));
            }
            else
            {
                columns.Add(acc.Evaluate(groupCount));
            }
        }

        var result = new RecordBatch(Schema, columns, groupCount);
        var batchSize = context.BatchSize;
        for (var start = 0; start < groupCount; start += batchSize)
        {
            yield return BatchOps.Slice(result, start, Math.Min(batchSize, groupCount - start));
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
