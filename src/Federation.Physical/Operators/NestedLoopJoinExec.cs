using Apache.Arrow;
using Federation.Logical.Plans;
using Federation.Physical.Expressions;
using Federation.Physical.Hashing;

namespace Federation.Physical.Operators;

/// <summary>A join without equality keys (cross joins, theta joins): every pair is a candidate for the condition.</summary>
public sealed class NestedLoopJoinExec : JoinExec
{
    public NestedLoopJoinExec(PhysicalOperator left, PhysicalOperator right, JoinType joinType, bool buildLeft, PhysicalExpr? condition, IReadOnlyList<PhysicalField> fields)
        : base(left, right, joinType, buildLeft, condition, nullAware: false, fields)
    {
    }

    public override string Name => Residual is null && JoinType == JoinType.Inner ? "CrossJoinExec" : "NestedLoopJoinExec";

    public override string Details => Residual is null ? (JoinType == JoinType.Inner ? string.Empty : $"join_type={JoinType}") : $"join_type={JoinType}, filter={Residual}";

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) =>
        new NestedLoopJoinExec(children[0], children[1], JoinType, BuildLeft, Residual, Fields);

    private protected override JoinHashTable? BuildTable(RecordBatch buildRows, EvaluationContext evaluation) => null;

    private protected override JoinPairs StartPairs(RecordBatch probe, JoinSide build, EvaluationContext evaluation) =>
        new CrossJoinPairs(probe.Length, build.Rows.Length);

    private protected override bool[]? ProbeKeyNulls(RecordBatch probe, EvaluationContext evaluation) => null;
}
