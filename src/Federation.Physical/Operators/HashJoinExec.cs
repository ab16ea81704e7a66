using Apache.Arrow;
using Federation.Common.Types;
using Federation.Logical.Plans;
using Federation.Physical.Expressions;
using Federation.Execution;
using Federation.Physical.Hashing;
using Federation.Physical.Pruning;

namespace Federation.Physical.Operators;

/// <summary>An equi-join: build rows are indexed by their keys, probe rows look theirs up.</summary>
public sealed class HashJoinExec : JoinExec
{
    public HashJoinExec(PhysicalOperator left, PhysicalOperator right, JoinType joinType, bool buildLeft,
        IReadOnlyList<PhysicalExpr> leftKeys, IReadOnlyList<PhysicalExpr> rightKeys, IReadOnlyList<bool> nullsEqual,
        PhysicalExpr? residual, bool nullAware, IReadOnlyList<PhysicalField> fields, IReadOnlyList<JoinKeyFilter>? keyFilters = null)
        : base(left, right, joinType, buildLeft, residual, nullAware, fields)
    {
        LeftKeys = leftKeys;
        RightKeys = rightKeys;
        NullsEqual = nullsEqual;
        KeyFilters = keyFilters ?? [];
    }

    /// <summary>The dynamic filters this join feeds with its build-side keys (placed in scans under its probe side).</summary>
    public IReadOnlyList<JoinKeyFilter> KeyFilters { get; }

    public IReadOnlyList<PhysicalExpr> ProbeKeyExprs => ProbeKeys;

    public PhysicalOperator ProbeInput => Probe;

    /// <summary>This join with <paramref name="probe"/> (which holds <paramref name="filter"/>'s scan) as its probe side.</summary>
    public HashJoinExec WithKeyFilter(PhysicalOperator probe, JoinKeyFilter filter) =>
        new(BuildLeft ? Left : probe, BuildLeft ? probe : Right, JoinType, BuildLeft, LeftKeys, RightKeys, NullsEqual, Residual, NullAware, Fields, [.. KeyFilters, filter]);

    public IReadOnlyList<PhysicalExpr> LeftKeys { get; }

    public IReadOnlyList<PhysicalExpr> RightKeys { get; }

    /// <summary>Per key: true when NULL matches NULL (IS NOT DISTINCT FROM).</summary>
    public IReadOnlyList<bool> NullsEqual { get; }

    private IReadOnlyList<PhysicalExpr> BuildKeys => BuildLeft ? LeftKeys : RightKeys;

    private IReadOnlyList<PhysicalExpr> ProbeKeys => BuildLeft ? RightKeys : LeftKeys;

    public override string Name => "HashJoinExec";

    public override string Details
    {
        get
        {
            var on = string.Join(", ", LeftKeys.Select((k, i) => $"({k}, {RightKeys[i]})"));
            var text = $"mode=CollectLeft, join_type={JoinType}{(NullAware ? " (null-aware)" : string.Empty)}, build={(BuildLeft ? "left" : "right")}, on=[{on}]";
            text = KeyFilters.Count == 0 ? text : $"{text}, dynamic_filters={KeyFilters.Count}";
            return Residual is null ? text : $"{text}, filter={Residual}";
        }
    }

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) =>
        new HashJoinExec(children[0], children[1], JoinType, BuildLeft, LeftKeys, RightKeys, NullsEqual, Residual, NullAware, Fields, KeyFilters);

    private protected override void PublishKeys(JoinHashTable table, RecordBatch buildRows, EvaluationContext evaluation, TaskContext context)
    {
        foreach (var filter in KeyFilters)
        {
            if (filter.Keys is not { } subset)
            {
                // The keys are evaluated again only if a scan ships them to workers (JoinKeySlot.Summary).
                filter.SlotFor(context).Publish(table, () => JoinKeySummary.Compute(Keys(BuildKeys, buildRows, evaluation), BuildKeys.Select(k => k.Type).ToArray(), buildRows.Length,
                    NullsEqual.Any(x => x)));
                continue;
            }

            // A filter on some of the keys gets a table of its own over just those.
            var keys = new IArrowArray[subset.Count];
            var types = new SqlType[subset.Count];
            var nullsEqual = new bool[subset.Count];
            for (var k = 0; k < keys.Length; k++)
            {
                keys[k] = BuildKeys[subset[k]].EvaluateToArray(buildRows, evaluation);
                types[k] = BuildKeys[subset[k]].Type;
                nullsEqual[k] = NullsEqual[subset[k]];
            }

            filter.SlotFor(context).Publish(JoinHashTable.Build(keys, types, buildRows.Length, nullsEqual),
                () => JoinKeySummary.Compute(keys, types, buildRows.Length, nullsEqual.Contains(true)));
        }
    }

    private IArrowArray[] Keys(IReadOnlyList<PhysicalExpr> keys, RecordBatch batch, EvaluationContext evaluation)
    {
        var arrays = new IArrowArray[keys.Count];
        for (var k = 0; k < arrays.Length; k++)
        {
            arrays[k] = keys[k].EvaluateToArray(batch, evaluation);
        }

        return arrays;
    }

    private SqlType[] KeyTypes => LeftKeys.Select(k => k.Type).ToArray();

    private protected override JoinHashTable BuildTable(RecordBatch buildRows, EvaluationContext evaluation) =>
        JoinHashTable.Build(Keys(BuildKeys, buildRows, evaluation), KeyTypes, buildRows.Length, NullsEqual);

    private protected override JoinPairs StartPairs(RecordBatch probe, JoinSide build, EvaluationContext evaluation)
    {
        var first = new int[probe.Length];
        build.Table!.FindFirst(Keys(ProbeKeys, probe, evaluation), probe.Length, first);
        return new HashJoinPairs(build.Table, first);
    }

    private protected override bool CanSpill => true;

    private protected override ulong[] KeyHashes(RecordBatch batch, bool buildSide, EvaluationContext evaluation) =>
        RowHasher.Hash(Keys(buildSide ? BuildKeys : ProbeKeys, batch, evaluation), KeyTypes, batch.Length);

    private protected override bool[]? BuildKeyNulls(RecordBatch buildRows, EvaluationContext evaluation) =>
        KeyNulls.AnyNullPerRow(Keys(BuildKeys, buildRows, evaluation), buildRows.Length, NullsEqual);

    private protected override bool[]? ProbeKeyNulls(RecordBatch probe, EvaluationContext evaluation) =>
        KeyNulls.AnyNullPerRow(Keys(ProbeKeys, probe, evaluation), probe.Length);
}
