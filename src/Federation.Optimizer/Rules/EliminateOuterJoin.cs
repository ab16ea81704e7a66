using Federation.Logical.Expressions;
using Federation.Logical.Plans;

namespace Federation.Optimizer.Rules;

/// <summary>
/// A filter above an outer join that rejects the NULL-padded rows makes the join an inner one:
/// WHERE o.x &gt; 5 over customer LEFT JOIN orders o keeps no customer without orders anyway.
/// Inner joins can then be reordered and their filters pushed further.
/// </summary>
public sealed class EliminateOuterJoin : ILogicalRule
{
    public string Name => "eliminate_outer_join";

    public ApplyOrder Order => ApplyOrder.TopDown;

    public LogicalPlan? Rewrite(LogicalPlan plan, OptimizerContext context)
    {
        if (plan is not Filter { Input: Join { Type: JoinType.Left or JoinType.Right or JoinType.Full } join } filter)
        {
            return null;
        }

        var conjuncts = Conjunctions.Split(filter.Predicate);
        var leftIds = PlanColumns.Ids(join.Left);
        var rightIds = PlanColumns.Ids(join.Right);
        var rejectsLeftNulls = conjuncts.Any(c => RejectsNulls(c, leftIds));
        var rejectsRightNulls = conjuncts.Any(c => RejectsNulls(c, rightIds));
        var type = join.Type switch
        {
            JoinType.Left when rejectsRightNulls => JoinType.Inner,
            JoinType.Right when rejectsLeftNulls => JoinType.Inner,
            JoinType.Full when rejectsLeftNulls && rejectsRightNulls => JoinType.Inner,
            JoinType.Full when rejectsLeftNulls => JoinType.Left,
            JoinType.Full when rejectsRightNulls => JoinType.Right,
            _ => join.Type,
        };

        return type == join.Type ? null : filter with { Input = join with { Type = type } };
    }

    /// <summary>
    /// True when the predicate is NULL or FALSE whenever all of <paramref name="ids"/> are NULL: it reads one of them
    /// through strict operations only (comparisons, arithmetic, casts, strict functions, LIKE, IN, IS NOT NULL).
    /// </summary>
    private static bool RejectsNulls(Expr predicate, HashSet<int> ids)
    {
        return predicate switch
        {
            BinaryExpr { Op: BinaryOp.And } and => RejectsNulls(and.Left, ids) || RejectsNulls(and.Right, ids),
            BinaryExpr { Op: BinaryOp.Or } or => RejectsNulls(or.Left, ids) && RejectsNulls(or.Right, ids),
            BinaryExpr b when b.Op.IsComparison() && b.Op is not (BinaryOp.IsDistinctFrom or BinaryOp.IsNotDistinctFrom) =>
                StrictlyReads(b.Left, ids) || StrictlyReads(b.Right, ids),
            IsNullExpr { Negated: true } isNotNull => StrictlyReads(isNotNull.Input, ids),
            LikeExpr like => StrictlyReads(like.Input, ids),
            InListExpr inList => StrictlyReads(inList.Input, ids),
            _ => false,
        };
    }

    /// <summary>True when the expression is NULL if one of the columns it reads strictly is NULL.</summary>
    private static bool StrictlyReads(Expr e, HashSet<int> ids) => e switch
    {
        ColumnRef c => ids.Contains(c.Id),
        CastExpr cast => StrictlyReads(cast.Input, ids),
        NegateExpr n => StrictlyReads(n.Input, ids),
        BinaryExpr b when b.Op.IsArithmetic() || b.Op == BinaryOp.Concat => StrictlyReads(b.Left, ids) || StrictlyReads(b.Right, ids),
        ScalarFunctionExpr { Binding.Function.IsStrict: true } f => f.Arguments.Any(a => StrictlyReads(a, ids)),
        _ => false,
    };
}
