using Apache.Arrow;
using Federation.Common.Arrow;
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
        PhysicalExpr? residual, bool nullAware, IReadOnlyList<PhysicalField> fields, JoinKeyFilter? keyFilter = null)
        : base(left, right, joinType, buildLeft, residual, nullAware, fields)
    {
        LeftKeys = leftKeys;
        RightKeys = rightKeys;
        NullsEqual = nullsEqual;
        KeyFilter = keyFilter;
    }

    /// <summary>The dynamic filter this join feeds with its build-side keys (placed in the probe side's scan), if any.</summary>
    public JoinKeyFilter? KeyFilter { get; }

    public IReadOnlyList<PhysicalExpr> ProbeKeyExprs => ProbeKeys;

    public PhysicalOperator ProbeInput => Probe;

    /// <summary>This join with <paramref name="probe"/> (which holds <paramref name="filter"/>'s scan) as its probe side.</summary>
    public HashJoinExec WithKeyFilter(PhysicalOperator probe, JoinKeyFilter filter) =>
        new(BuildLeft ? Left : probe, BuildLeft ? probe : Right, JoinType, BuildLeft, LeftKeys, RightKeys, NullsEqual, Residual, NullAware, Fields, filter);

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
            text = KeyFilter is null ? text : $"{text}, dynamic_filter=probe scan";
            return Residual is null ? text : $"{text}, filter={Residual}";
        }
    }

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) =>
        new HashJoinExec(children[0], children[1], JoinType, BuildLeft, LeftKeys, RightKeys, NullsEqual, Residual, NullAware, Fields, KeyFilter);

    private protected override void PublishKeys(JoinHashTable table, TaskContext context) => KeyFilter?.SlotFor(context).Publish(table);

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
        JoinHashTable.Build(Keys(BuildKeys, buildRows, evaluation), KeyTypes, buildRows.Length, NullsEqual.Any(x => x));

    private protected override void Pairs(RecordBatch probe, JoinSide build, EvaluationContext evaluation, List<int> probeRows, List<int> buildRows) =>
        build.Table!.Probe(Keys(ProbeKeys, probe, evaluation), probe.Length, probeRows, buildRows);

    private protected override bool[]? ProbeKeyNulls(RecordBatch probe, EvaluationContext evaluation)
    {
        bool[]? result = null;
        foreach (var key in Keys(ProbeKeys, probe, evaluation))
        {
            var validity = Validity.Bits(key);
            if (validity.IsEmpty)
            {
                continue;
            }

            result ??= new bool[probe.Length];
            for (var i = 0; i < probe.Length; i++)
            {
                if (!Bitmap.Get(validity, i))
                {
                    result[i] = true;
                }
            }
        }

        return result;
    }
}
