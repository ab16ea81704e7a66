using Federation.Common.Types;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;

namespace Federation.Optimizer.Rules;

/// <summary>
/// Rewrites CAST(column AS wider) op literal into column op literal', in the column's own type, when that
/// changes no result: CAST(d AS timestamp) &lt;= TIMESTAMP '1998-09-02 00:00:00' becomes d &lt;= DATE '1998-09-02'.
/// The comparison then needs no per-row cast, and scans can prune with it.
/// </summary>
public sealed class UnwrapCastInComparison : ILogicalRule
{
    public string Name => "unwrap_cast_in_comparison";

    public ApplyOrder Order => ApplyOrder.BottomUp;

    public LogicalPlan? Rewrite(LogicalPlan plan, OptimizerContext context)
    {
        var expressions = plan.Expressions;
        if (expressions.Count == 0)
        {
            return null;
        }

        // A date cast to timestamptz is midnight in the session zone; only in UTC is that the date's own day boundary.
        var utc = context.TimeZone.IsFixed && context.TimeZone.OffsetSecondsAt(0) == 0;
        var rewritten = expressions.Select(e => ExprRewriter.TransformUp(e, x => Unwrap(x, utc))).ToArray();
        return rewritten.Where((e, i) => !ReferenceEquals(e, expressions[i])).Any() ? plan.WithExpressions(rewritten) : null;
    }

    private static Expr? Unwrap(Expr e, bool utc)
    {
        if (e is not BinaryExpr b || !b.Op.IsComparison() || b.Op is BinaryOp.IsDistinctFrom or BinaryOp.IsNotDistinctFrom)
        {
            return null;
        }

        if (b.Left is CastExpr cast && b.Right is Literal literal)
        {
            return Rewrite(b.Op, cast, literal, utc);
        }

        if (b.Right is CastExpr rcast && b.Left is Literal lliteral)
        {
            return Rewrite(b.Op.Swap(), rcast, lliteral, utc);
        }

        return null;
    }

    /// <summary>CAST(inner) op literal with the cast on the left.</summary>
    private static Expr? Rewrite(BinaryOp op, CastExpr cast, Literal literal, bool utc)
    {
        var inner = cast.Input;
        var from = inner.Type;
        var to = cast.Target;
        if (literal.Value.IsNull)
        {
            return null;
        }

        // date → timestamp: compare against the literal's day, adjusting for a time of day.
        if (from.Kind == TypeKind.Date && (to.Kind == TypeKind.Timestamp || (to.Kind == TypeKind.TimestampTz && utc)))
        {
            var micros = (long)literal.Value.Value!;
            var day = DateTimeMath.DateOfTimestamp(micros);
            var exact = micros == DateTimeMath.TimestampOfDate(day);
            BinaryExpr Compare(BinaryOp o, int d) => new(o, inner, new Literal(ScalarValue.Date(d)), SqlType.Boolean);
            return op switch
            {
                BinaryOp.Equal => exact ? Compare(BinaryOp.Equal, day) : null,
                BinaryOp.NotEqual => exact ? Compare(BinaryOp.NotEqual, day) : null,
                BinaryOp.Less => exact ? Compare(BinaryOp.Less, day) : Compare(BinaryOp.LessOrEqual, day),
                BinaryOp.LessOrEqual => Compare(BinaryOp.LessOrEqual, day),
                BinaryOp.Greater => Compare(BinaryOp.Greater, day),
                BinaryOp.GreaterOrEqual => exact ? Compare(BinaryOp.GreaterOrEqual, day) : Compare(BinaryOp.Greater, day),
                _ => null,
            };
        }

        // Widening numeric casts: the literal must convert back exactly.
        if (from.IsNumeric && to.IsNumeric && !from.IsFloat && Widens(from, to) && Narrow(literal.Value, from) is { } narrowed)
        {
            return new BinaryExpr(op, inner, new Literal(narrowed), SqlType.Boolean);
        }

        return null;
    }

    private static bool Widens(SqlType from, SqlType to) => TypeCoercion.CanImplicitlyCast(from, to) && !to.IsFloat;

    private static ScalarValue? Narrow(ScalarValue value, SqlType target)
    {
        switch (value.Value)
        {
            case long or int or short when target.IsInteger:
            {
                var n = value.AsInt64();
                return target.Kind switch
                {
                    TypeKind.Int16 when n is >= short.MinValue and <= short.MaxValue => ScalarValue.Int16((short)n),
                    TypeKind.Int32 when n is >= int.MinValue and <= int.MaxValue => ScalarValue.Int32((int)n),
                    TypeKind.Int64 => ScalarValue.Int64(n),
                    _ => null,
                };
            }

            case Int128 unscaled when value.Type.Kind == TypeKind.Decimal:
            {
                var scale = value.Type.Scale;
                if (target.IsInteger)
                {
                    var divisor = DecimalMath.Pow10(scale);
                    if (unscaled % divisor != 0)
                    {
                        return null;
                    }

                    var whole = unscaled / divisor;
                    return whole >= long.MinValue && whole <= long.MaxValue ? Narrow(ScalarValue.Int64((long)whole), target) : null;
                }

                if (target.Kind == TypeKind.Decimal && target.Scale <= scale)
                {
                    var divisor = DecimalMath.Pow10(scale - target.Scale);
                    if (unscaled % divisor != 0)
                    {
                        return null;
                    }

                    var v = unscaled / divisor;
                    return DecimalMath.FitsPrecision(v, target.Precision) ? new ScalarValue(target, v) : null;
                }

                return null;
            }

            default:
                return null;
        }
    }
}
