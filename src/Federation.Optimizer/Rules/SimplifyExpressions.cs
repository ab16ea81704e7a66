using Federation.Common.Types;
using Federation.Functions;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;

namespace Federation.Optimizer.Rules;

/// <summary>
/// Folds constant sub-expressions (with the execution kernels), simplifies boolean logic with constants
/// (x AND TRUE is x, x OR TRUE is TRUE, NOT NOT x is x, NOT (a &lt; b) is a &gt;= b), and drops filters that
/// are always true (or replaces a never-true filter with an empty relation).
/// </summary>
public sealed class SimplifyExpressions : ILogicalRule
{
    public string Name => "simplify_expressions";

    public ApplyOrder Order => ApplyOrder.BottomUp;

    public LogicalPlan? Rewrite(LogicalPlan plan, OptimizerContext context)
    {
        var expressions = plan.Expressions;
        LogicalPlan result = plan;
        if (expressions.Count > 0)
        {
            var simplified = expressions.Select(e => Simplify(e, context.StatementTimestampMicros, context.TimeZone)).ToArray();
            if (simplified.Where((e, i) => !ReferenceEquals(e, expressions[i])).Any())
            {
                result = plan.WithExpressions(simplified);
            }
        }

        switch (result)
        {
            case Filter { Predicate: Literal { Value.Value: true } } filter:
                return filter.Input;
            case Filter { Predicate: Literal } filter:
                return new EmptyRelation(false, filter.Output);
            case Join { Condition: Literal { Value.Value: true } } join:
                return join with { Condition = null };
        }

        return ReferenceEquals(result, plan) ? null : result;
    }

    public static Expr Simplify(Expr expr, long statementTimestampMicros, SessionTimeZone timeZone) =>
        ExprRewriter.TransformUp(expr, e => SimplifyNode(e, statementTimestampMicros, timeZone));

    private static Expr? SimplifyNode(Expr e, long now, SessionTimeZone timeZone)
    {
        switch (e)
        {
            case Literal:
                return null;
            case BinaryExpr { Op: BinaryOp.And } and:
                if (IsTrue(and.Left))
                {
                    return and.Right;
                }

                if (IsTrue(and.Right))
                {
                    return and.Left;
                }

                if (IsFalse(and.Left) || IsFalse(and.Right))
                {
                    return Literal.False;
                }

                break;
            case BinaryExpr { Op: BinaryOp.Or } anyOr when FactorOr(anyOr) is { } factored:
                return factored;
            case BinaryExpr { Op: BinaryOp.Or } or:
                if (IsFalse(or.Left))
                {
                    return or.Right;
                }

                if (IsFalse(or.Right))
                {
                    return or.Left;
                }

                if (IsTrue(or.Left) || IsTrue(or.Right))
                {
                    return Literal.True;
                }

                break;
            case NotExpr { Input: NotExpr inner }:
                return inner.Input;
            case NotExpr { Input: BinaryExpr b } when b.Op.Negate() is { } negated && b.Op.IsComparison():
                return b with { Op = negated };
            case NotExpr { Input: IsNullExpr isNull }:
                return isNull with { Negated = !isNull.Negated };
            case NotExpr { Input: InListExpr inList }:
                return inList with { Negated = !inList.Negated };
            case NotExpr { Input: LikeExpr like }:
                return like with { Negated = !like.Negated };
            case IsNullExpr { Input.Nullable: false } isNull:
                return isNull.Negated ? Literal.True : Literal.False;
            case InListExpr { List.Count: 1 } single:
                return new BinaryExpr(single.Negated ? BinaryOp.NotEqual : BinaryOp.Equal, single.Input, single.List[0], SqlType.Boolean);
        }

        if (ExprVisitor.IsConstant(e) && !HasVolatile(e))
        {
            return ConstantEvaluator.TryEvaluate(e, now, timeZone) is { } value ? new Literal(value) : null;
        }

        return null;
    }

    /// <summary>
    /// (a AND b) OR (a AND c) is a AND (b OR c): conjuncts common to every branch of an OR move out of it, so
    /// a join key repeated in each branch (TPC-H Q19) becomes a plain equi-join condition.
    /// </summary>
    private static Expr? FactorOr(BinaryExpr or)
    {
        var branches = Conjunctions.SplitDisjunction(or).Select(Conjunctions.Split).ToList();
        if (branches.Count < 2)
        {
            return null;
        }

        var common = branches[0].Where(c => PlanDeterministic(c)).Select(ExprKey.Of).ToHashSet(StringComparer.Ordinal);
        foreach (var branch in branches.Skip(1))
        {
            common.IntersectWith(branch.Select(ExprKey.Of));
        }

        if (common.Count == 0)
        {
            return null;
        }

        var factors = branches[0].Where(c => common.Contains(ExprKey.Of(c))).ToList();
        var rests = branches.Select(b => Conjunctions.Combine(b.Where(c => !common.Contains(ExprKey.Of(c))))).ToList();
        // A branch with nothing left is TRUE: the whole OR is then just the common part.
        var disjunction = rests.Any(r => r is null) ? null : Conjunctions.CombineOr(rests!);
        return Conjunctions.Combine(disjunction is null ? factors : [.. factors, disjunction]);
    }

    private static bool PlanDeterministic(Expr e) => !HasVolatile(e);

    private static bool HasVolatile(Expr e) => ExprVisitor.Any(e, x => x is ScalarFunctionExpr { Binding.Function.Volatility: Volatility.Volatile });

    private static bool IsTrue(Expr e) => e is Literal { Value.Value: true };

    private static bool IsFalse(Expr e) => e is Literal { Value.Value: false };
}
