using Federation.Common;
using Federation.Common.Types;
using Federation.Functions.Kernels;
using Federation.Functions.Scalar.Conditional;
using Federation.Logical;
using Federation.Logical.Expressions;

namespace Federation.Physical.Expressions;

/// <summary>Compiles a logical expression against an input's columns (column id → position) into a physical expression.</summary>
public static class ExprCompiler
{
    public static PhysicalExpr Compile(Expr expr, IReadOnlyList<PlanColumn> input) => Compile(expr, IndexOf(input));

    public static Dictionary<int, int> IndexOf(IReadOnlyList<PlanColumn> input)
    {
        var map = new Dictionary<int, int>(input.Count);
        for (var i = 0; i < input.Count; i++)
        {
            map.TryAdd(input[i].Id, i);
        }

        return map;
    }

    public static PhysicalExpr Compile(Expr expr, IReadOnlyDictionary<int, int> columns)
    {
        PhysicalExpr C(Expr e) => Compile(e, columns);
        switch (expr)
        {
            case ColumnRef c:
                if (!columns.TryGetValue(c.Id, out var index))
                {
                    throw FederationException.Internal($"column {c.Column.Name}#{c.Id} is not produced by the input");
                }

                return new ColumnExpr(index, c.Column.Name, c.Type);
            case Literal l:
                return new LiteralExpr(l.Value.Type.Kind == TypeKind.Null ? ScalarValue.NullOf(SqlType.String) : l.Value);
            case ParameterExpr p:
                return new ParameterPhysicalExpr(p.Index, p.Type);
            case CastExpr cast:
                return new CastPhysicalExpr(C(cast.Input), cast.Target);
            case BinaryExpr b:
                return b.Op switch
                {
                    BinaryOp.And => new BooleanPhysicalExpr(true, C(b.Left), C(b.Right)),
                    BinaryOp.Or => new BooleanPhysicalExpr(false, C(b.Left), C(b.Right)),
                    BinaryOp.Concat => new ConcatPhysicalExpr(C(b.Left), C(b.Right)),
                    BinaryOp.Add => new ArithmeticPhysicalExpr(ArithmeticOp.Add, C(b.Left), C(b.Right), b.Type),
                    BinaryOp.Subtract => new ArithmeticPhysicalExpr(ArithmeticOp.Subtract, C(b.Left), C(b.Right), b.Type),
                    BinaryOp.Multiply => new ArithmeticPhysicalExpr(ArithmeticOp.Multiply, C(b.Left), C(b.Right), b.Type),
                    BinaryOp.Divide => new ArithmeticPhysicalExpr(ArithmeticOp.Divide, C(b.Left), C(b.Right), b.Type),
                    BinaryOp.Modulo => new ArithmeticPhysicalExpr(ArithmeticOp.Modulo, C(b.Left), C(b.Right), b.Type),
                    _ => new ComparisonPhysicalExpr(ToComparison(b.Op), C(b.Left), C(b.Right)),
                };
            case NotExpr not:
                return new NotPhysicalExpr(C(not.Input));
            case NegateExpr negate:
                return new NegatePhysicalExpr(C(negate.Input));
            case IsNullExpr isNull:
                return new IsNullPhysicalExpr(C(isNull.Input), isNull.Negated);
            case InListExpr inList when inList.List.All(i => i is Literal):
                return new InListPhysicalExpr(C(inList.Input), inList.List.Select(i => ((Literal)i).Value).ToArray(), inList.Negated);
            case InListExpr inList:
            {
                // Non-constant items: an OR of equalities has exactly IN's NULL semantics.
                var input = inList.Input;
                var disjunction = Conjunctions.CombineOr(inList.List.Select(i => (Expr)new BinaryExpr(BinaryOp.Equal, input, i, SqlType.Boolean)));
                var compiled = C(disjunction);
                return inList.Negated ? new NotPhysicalExpr(compiled) : compiled;
            }

            case LikeExpr like:
                return new LikePhysicalExpr(C(like.Input), C(like.Pattern), like.Escape, like.CaseInsensitive, like.Negated);
            case RegexMatchExpr regex:
                return new RegexMatchPhysicalExpr(C(regex.Input), C(regex.Pattern), regex.CaseInsensitive, regex.Negated, regex.Similar);
            case CaseExpr caseExpr:
                return new CasePhysicalExpr(caseExpr.Whens.Select(w => (C(w.When), C(w.Then))).ToArray(),
                    caseExpr.Else is null ? null : C(caseExpr.Else), caseExpr.Type);
            case ScalarFunctionExpr { Binding.Function: CoalesceFunction } coalesce when coalesce.Arguments.Skip(1).Any(a => a is not (ColumnRef or Literal)):
                // Not a plain kernel call: later arguments are evaluated only on the rows still NULL, so one that
                // could fail there (10 / b) is not run on the others. Columns and literals cannot fail, and the
                // kernel over whole arrays is cheaper for them.
                return new CoalescePhysicalExpr(coalesce.Arguments.Select(C).ToArray(), coalesce.Type);
            case ScalarFunctionExpr { Binding.Function: Nvl2Function } nvl2:
                // NVL2(x, a, b) is CASE WHEN x IS NOT NULL THEN a ELSE b END, and like CASE evaluates a branch
                // only on the rows that take it.
                return new CasePhysicalExpr([(new IsNullPhysicalExpr(C(nvl2.Arguments[0]), negated: true), C(nvl2.Arguments[1]))],
                    C(nvl2.Arguments[2]), nvl2.Type);
            case ScalarFunctionExpr f:
                return new ScalarFunctionPhysicalExpr(f.Binding, f.Arguments.Select(C).ToArray());
            case ScalarSubqueryExpr or ExistsExpr or InSubqueryExpr or OuterColumnRef:
                throw FederationException.NotSupported("this form of correlated subquery");
            default:
                throw FederationException.Internal($"cannot compile {expr.GetType().Name} into a physical expression");
        }
    }

    public static ComparisonOp ToComparison(BinaryOp op) => op switch
    {
        BinaryOp.Equal => ComparisonOp.Equal,
        BinaryOp.NotEqual => ComparisonOp.NotEqual,
        BinaryOp.Less => ComparisonOp.Less,
        BinaryOp.LessOrEqual => ComparisonOp.LessOrEqual,
        BinaryOp.Greater => ComparisonOp.Greater,
        BinaryOp.GreaterOrEqual => ComparisonOp.GreaterOrEqual,
        BinaryOp.IsDistinctFrom => ComparisonOp.IsDistinctFrom,
        BinaryOp.IsNotDistinctFrom => ComparisonOp.IsNotDistinctFrom,
        _ => throw FederationException.Internal($"{op} is not a comparison"),
    };
}
