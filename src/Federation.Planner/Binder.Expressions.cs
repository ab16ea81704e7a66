using System.Globalization;
using Federation.Common;
using Federation.Common.Types;
using Federation.Logical;
using Federation.Logical.Expressions;
using Federation.Sql.Ast;

namespace Federation.Planner;

/// <summary>Expressions: names, literals, operators, predicates, CASE, CAST and subqueries.</summary>
public sealed partial class Binder
{
    private Expr BindExpr(Expression expression, ExprContext ctx)
    {
        EnterNesting(expression);
        try
        {
            return BindExprCore(expression, ctx);
        }
        finally
        {
            ExitNesting();
        }
    }

    private Expr BindExprCore(Expression expression, ExprContext ctx)
    {
        switch (expression)
        {
            case ColumnReference column:
                return ResolveColumn(column, ctx.Scope);
            case NumberLiteral number:
                return NumberLiteralValue(number.Text, negate: false, number);
            case StringLiteral s:
                return new Literal(ScalarValue.String(s.Value)) { IsUntypedString = true };
            case BooleanLiteral b:
                return b.Value ? Literal.True : Literal.False;
            case NullLiteral:
                return Literal.NullOf(SqlType.Null);
            case TypedLiteral typed:
                return ParseLiteral(typed.Value, TypeNames.Resolve(typed.Type), typed);
            case IntervalLiteral interval:
                if (!IntervalParser.TryParse(interval.Value, interval.LeadingField, interval.TrailingField, out var parsed))
                {
                    throw PlanError.At(interval, ErrorCode.InvalidDatetime, $"invalid input syntax for type interval: \"{interval.Value}\"");
                }

                return new Literal(ScalarValue.IntervalValue(parsed));
            case ParameterReference p:
                // Recorded even while untyped, so a parameter nothing gives a type still counts (as text).
                _parameterTypes.TryAdd(p.Index, SqlType.Null);
                return new ParameterExpr(p.Index, _parameterTypes[p.Index]);
            case UnaryExpression unary:
                return BindUnary(unary, ctx);
            case BinaryExpression binary:
                return BindBinary(binary.Operator, BindExpr(binary.Left, ctx), BindExpr(binary.Right, ctx), binary);
            case IsNullExpression isNull:
                return new IsNullExpr(BindExpr(isNull.Operand, ctx), isNull.Negated);
            case IsBooleanExpression isBool:
            {
                var operand = CoerceToBoolean(BindExpr(isBool.Operand, ctx), isBool.Operand, "IS");
                if (isBool.Value is null)
                {
                    return new IsNullExpr(operand, isBool.Negated);
                }

                var op = isBool.Negated ? BinaryOp.IsDistinctFrom : BinaryOp.IsNotDistinctFrom;
                return new BinaryExpr(op, operand, isBool.Value.Value ? Literal.True : Literal.False, SqlType.Boolean);
            }

            case BetweenExpression between:
                return BindBetween(between, ctx);
            case LikeExpression like:
                return BindLike(like, ctx);
            case RegexMatchExpression regex:
            {
                var input = CoerceToText(BindExpr(regex.Operand, ctx), regex.Operand, regex.Similar ? "SIMILAR TO" : "~");
                var pattern = CoerceToText(BindExpr(regex.Pattern, ctx), regex.Pattern, regex.Similar ? "SIMILAR TO" : "~");
                return new RegexMatchExpr(input, pattern, regex.CaseInsensitive, regex.Negated, regex.Similar);
            }

            case InListExpression inList:
                return BindInList(inList, ctx);
            case InSubqueryExpression inSubquery:
                return BindInSubquery(inSubquery.Operand, inSubquery.Subquery, inSubquery.Negated, inSubquery, ctx);
            case ExistsExpression exists:
                return new ExistsExpr(BindQuery(exists.Subquery, ctx.Scope), false);
            case ScalarSubqueryExpression scalar:
            {
                var plan = BindQuery(scalar.Subquery, ctx.Scope);
                if (plan.Output.Count != 1)
                {
                    throw PlanError.At(scalar, ErrorCode.SyntaxError, "subquery must return only one column");
                }

                return new ScalarSubqueryExpr(plan);
            }

            case QuantifiedComparisonExpression quantified:
                return BindQuantified(quantified, ctx);
            case CaseExpression caseExpression:
                return BindCase(caseExpression, ctx);
            case CastExpression cast:
                return BindCast(BindExpr(cast.Operand, ctx), TypeNames.Resolve(cast.Type), cast);
            case FunctionCall call:
                return BindFunctionCall(call, ctx);
            default:
                throw PlanError.NotSupported(expression, expression.GetType().Name);
        }
    }

    private Expr ResolveColumn(ColumnReference reference, Scope scope)
    {
        var parts = reference.Parts;
        var name = parts[^1].Value;
        var qualifier = parts.Count >= 2 ? parts[^2].Value : null;
        var schema = parts.Count >= 3 ? parts[^3].Value : null;
        var depth = 0;
        for (var s = scope; s is not null; s = s.Outer, depth++)
        {
            var matches = s.Find(schema, qualifier, name);
            if (matches.Count > 1 && matches.Select(m => m.Column.Id).Distinct().Count() > 1)
            {
                throw PlanError.At(reference, ErrorCode.AmbiguousColumn, $"column reference \"{reference}\" is ambiguous");
            }

            if (matches.Count >= 1)
            {
                var column = matches[0].Column;
                return depth == 0 ? new ColumnRef(column) : new OuterColumnRef(column);
            }
        }

        if (qualifier is not null && !AnyScopeHasQualifier(scope, qualifier))
        {
            // t.x where t is not a FROM item: maybe a typo in the table name.
            var hint = NameSuggester.Closest(qualifier, scope.Qualifiers);
            throw PlanError.At(reference, ErrorCode.TableNotFound,
                $"missing FROM-clause entry for table \"{qualifier}\"{(hint is null ? string.Empty : $"; did you mean \"{hint}\"?")}");
        }

        var candidates = new List<string>();
        for (var s = scope; s is not null; s = s.Outer)
        {
            candidates.AddRange(s.Columns.Where(c => qualifier is null || string.Equals(c.Qualifier, qualifier, StringComparison.OrdinalIgnoreCase)).Select(c => c.Name));
        }

        var suggestion = NameSuggester.Closest(name, candidates);
        throw PlanError.At(reference, ErrorCode.ColumnNotFound,
            $"column \"{reference}\" does not exist{(suggestion is null ? string.Empty : $"; did you mean \"{suggestion}\"?")}");
    }

    private static bool AnyScopeHasQualifier(Scope scope, string qualifier)
    {
        for (var s = scope; s is not null; s = s.Outer)
        {
            if (s.HasQualifier(qualifier))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Integers are integer or bigint (numeric beyond); with a point numeric(p,s); with an exponent double.</summary>
    private static Literal NumberLiteralValue(string text, bool negate, SqlNode node)
    {
        var signed = negate ? "-" + text : text;
        if (text.Contains('e', StringComparison.OrdinalIgnoreCase))
        {
            if (!double.TryParse(signed, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            {
                throw PlanError.At(node, ErrorCode.SyntaxError, $"invalid number \"{text}\"");
            }

            return new Literal(ScalarValue.Float64(d));
        }

        if (!text.Contains('.', StringComparison.Ordinal))
        {
            if (int.TryParse(signed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
            {
                return new Literal(ScalarValue.Int32(i));
            }

            if (long.TryParse(signed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            {
                return new Literal(ScalarValue.Int64(l));
            }
        }

        var (precision, scale) = DecimalMath.LiteralType(text);
        if (precision > SqlType.MaxDecimalPrecision)
        {
            return new Literal(ScalarValue.Float64(double.Parse(signed, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }

        DecimalMath.TryParse(signed, scale, out var unscaled);
        return new Literal(ScalarValue.Decimal(unscaled, precision, scale));
    }

    private Expr BindUnary(UnaryExpression unary, ExprContext ctx)
    {
        switch (unary.Operator)
        {
            case UnaryOperator.Minus when unary.Operand is NumberLiteral number:
                return NumberLiteralValue(number.Text, negate: true, unary);
            case UnaryOperator.Minus:
            {
                var operand = BindExpr(unary.Operand, ctx);
                if (operand is Literal { IsUntypedString: true } or ParameterExpr { ParameterType.Kind: TypeKind.Null })
                {
                    operand = Coerce(operand, SqlType.Float64, unary.Operand);
                }

                if (!operand.Type.IsNumeric && operand.Type.Kind is not (TypeKind.Interval or TypeKind.Null))
                {
                    throw PlanError.At(unary, ErrorCode.TypeMismatch, $"operator does not exist: - {operand.Type}");
                }

                return new NegateExpr(operand);
            }

            case UnaryOperator.Plus:
            {
                var operand = BindExpr(unary.Operand, ctx);
                if (!operand.Type.IsNumeric && operand.Type.Kind is not (TypeKind.Interval or TypeKind.Null))
                {
                    throw PlanError.At(unary, ErrorCode.TypeMismatch, $"operator does not exist: + {operand.Type}");
                }

                return operand;
            }

            case UnaryOperator.AbsoluteValue:
                // @ x is abs(x), with abs's typing (an integer stays an integer).
                return BindScalarFunction(_catalog.Functions.FindScalar("abs") ?? throw FederationException.Internal("abs is not registered"),
                    [BindExpr(unary.Operand, ctx)], unary);
            case UnaryOperator.Not:
            {
                var operand = CoerceToBoolean(BindExpr(unary.Operand, ctx), unary.Operand, "NOT");
                return operand is ExistsExpr exists ? exists with { Negated = !exists.Negated } : new NotExpr(operand);
            }

            default:
                throw PlanError.NotSupported(unary, unary.Operator.ToString());
        }
    }

    private Expr BindBetween(BetweenExpression between, ExprContext ctx)
    {
        var operand = BindExpr(between.Operand, ctx);
        var low = BindExpr(between.Low, ctx);
        var high = BindExpr(between.High, ctx);
        Expr Range(Expr lo, Expr hi) => Conjunctions.And(
            BindBinary(BinaryOperator.GreaterOrEqual, operand, lo, between),
            BindBinary(BinaryOperator.LessOrEqual, operand, hi, between));
        var result = Range(low, high);
        if (between.Symmetric)
        {
            result = new BinaryExpr(BinaryOp.Or, result, Range(high, low), SqlType.Boolean);
        }

        return between.Negated ? new NotExpr(result) : result;
    }

    private Expr BindLike(LikeExpression like, ExprContext ctx)
    {
        var name = like.CaseInsensitive ? "ILIKE" : "LIKE";
        var input = CoerceToText(BindExpr(like.Operand, ctx), like.Operand, name);
        var pattern = CoerceToText(BindExpr(like.Pattern, ctx), like.Pattern, name);
        string? escape = null;
        if (like.Escape is not null)
        {
            if (BindExpr(like.Escape, ctx) is not Literal { Value.Value: string e })
            {
                throw PlanError.At(like.Escape, ErrorCode.InvalidArgument, "ESCAPE must be a string constant");
            }

            if (e.Length > 1)
            {
                throw PlanError.At(like.Escape, ErrorCode.InvalidArgument, "invalid escape string: escape string must be empty or one character");
            }

            escape = e;
        }

        return new LikeExpr(input, pattern, escape, like.CaseInsensitive, like.Negated);
    }

    private Expr BindInList(InListExpression inList, ExprContext ctx)
    {
        var operand = BindExpr(inList.Operand, ctx);
        var items = inList.List.Select(e => BindExpr(e, ctx)).ToList();
        var type = operand.Type;
        if (operand is Literal { IsUntypedString: true } && items.FirstOrDefault(i => i is not Literal { IsUntypedString: true }) is { } typed)
        {
            type = typed.Type;
        }

        foreach (var item in items)
        {
            if (item is Literal { IsUntypedString: true } || item.Type.Kind == TypeKind.Null || item is ParameterExpr { ParameterType.Kind: TypeKind.Null })
            {
                continue;
            }

            if (item is Literal literal && TryExactLiteral(literal.Value, type) is not null)
            {
                continue;
            }

            type = TypeCoercion.CommonType(type, item.Type)
                ?? throw PlanError.At(inList, ErrorCode.TypeMismatch, $"IN types {type} and {item.Type} cannot be matched");
        }

        if (type.Kind == TypeKind.Null)
        {
            type = SqlType.String;
        }

        if (type.IsChar)
        {
            // CHAR(n) values compare ignoring trailing blanks: untyped items are read as CHAR(n) (padded) when they
            // fit, otherwise everything compares as text, without the padding (see CharComparands).
            Expr Trim(Expr e) => e is Literal { IsUntypedString: true } l ? l with { Value = ScalarValue.String(CharPadding.TrimTrailingBlanks((string)l.Value.Value!)) } : e;
            operand = Trim(operand);
            items = items.Select(Trim).ToList();
            if (items.Append(operand).Any(e => e is Literal { IsUntypedString: true } l && ((string)l.Value.Value!).Length > type.Length))
            {
                type = SqlType.String;
            }
        }

        return new InListExpr(Coerce(operand, type, inList.Operand), items.Select((e, i) => Coerce(e, type, inList.List[i])).ToArray(), inList.Negated);
    }

    /// <summary>operand op ANY (subquery), or with <paramref name="negated"/> NOT (operand op ANY (subquery)); IN is = ANY.</summary>
    private Expr BindInSubquery(Expression operandAst, Query subquery, bool negated, SqlNode node, ExprContext ctx, BinaryOp op = BinaryOp.Equal)
    {
        var operand = BindExpr(operandAst, ctx);
        var plan = BindQuery(subquery, ctx.Scope);
        if (plan.Output.Count != 1)
        {
            throw PlanError.At(node, ErrorCode.SyntaxError, "subquery has too many columns");
        }

        var column = plan.Output[0];
        var type = TypeCoercion.CommonType(operand is Literal { IsUntypedString: true } ? column.Type : operand.Type, column.Type)
            ?? throw PlanError.At(node, ErrorCode.TypeMismatch, $"operator does not exist: {operand.Type} {op.Symbol()} {column.Type}");
        if (type.Kind == TypeKind.Null)
        {
            type = SqlType.String;
        }

        if (type.Kind is TypeKind.Interval && op is not (BinaryOp.Equal or BinaryOp.NotEqual) && operand.Type.Kind != TypeKind.Interval)
        {
            throw PlanError.At(node, ErrorCode.TypeMismatch, $"operator does not exist: {operand.Type} {op.Symbol()} {column.Type}");
        }

        if (!column.Type.SameComputation(type))
        {
            plan = new Logical.Plans.Projection(plan, [new Logical.Plans.ProjectionItem(Coerce(new ColumnRef(column), type, node), NewColumn(column.Name, type, column.Nullable))]);
        }

        return new InSubqueryExpr(Coerce(operand, type, operandAst), plan, negated, op);
    }

    /// <summary>
    /// x op ANY|SOME (q) and x op ALL (q) for the six comparisons. ALL is bound as the negation of ANY with the
    /// negated operator (x &gt; ALL (q) is NOT (x &lt;= ANY (q))), which keeps SQL's NULL rules: ALL is true when
    /// every comparison is true (and for an empty q), false when one is false, otherwise NULL.
    /// </summary>
    private Expr BindQuantified(QuantifiedComparisonExpression quantified, ExprContext ctx)
    {
        if (quantified.Operator is not (BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.Less or BinaryOperator.LessOrEqual
            or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual))
        {
            throw PlanError.NotSupported(quantified, $"{quantified.Quantifier.ToString().ToUpperInvariant()} with operator {quantified.Operator}");
        }

        var op = ToLogical(quantified.Operator);
        return quantified.Quantifier == Quantifier.All
            ? BindInSubquery(quantified.Left, quantified.Subquery, true, quantified, ctx, op.Negate()!.Value)
            : BindInSubquery(quantified.Left, quantified.Subquery, false, quantified, ctx, op);
    }

    private Expr BindCase(CaseExpression caseExpression, ExprContext ctx)
    {
        var operand = caseExpression.Operand is null ? null : BindExpr(caseExpression.Operand, ctx);
        var conditions = new List<Expr>();
        var results = new List<Expr>();
        foreach (var when in caseExpression.Whens)
        {
            var condition = BindExpr(when.Condition, ctx);
            conditions.Add(operand is null
                ? CoerceToBoolean(condition, when.Condition, "CASE/WHEN")
                : BindBinary(BinaryOperator.Equal, operand, condition, when));
            results.Add(BindExpr(when.Result, ctx));
        }

        var elseExpr = caseExpression.Else is null ? null : BindExpr(caseExpression.Else, ctx);
        var all = elseExpr is null ? results : [.. results, elseExpr];
        var type = CommonTypeOf(all, caseExpression, "CASE");
        var whens = conditions.Select((c, i) => new CaseWhen(c, Coerce(results[i], type, caseExpression.Whens[i].Result))).ToArray();
        return new CaseExpr(whens, elseExpr is null ? null : Coerce(elseExpr, type, caseExpression.Else!), type);
    }

    /// <summary>The type a list of values resolves to (CASE, COALESCE, GREATEST): untyped strings follow the typed ones.</summary>
    private static SqlType CommonTypeOf(IReadOnlyList<Expr> values, SqlNode node, string construct)
    {
        SqlType type = SqlType.Null;
        var sawUntyped = false;
        foreach (var v in values)
        {
            if (v is Literal { IsUntypedString: true })
            {
                sawUntyped = true;
                continue;
            }

            type = TypeCoercion.CommonType(type, v.Type)
                ?? throw PlanError.At(node, ErrorCode.TypeMismatch, $"{construct} types {type} and {v.Type} cannot be matched");
        }

        if (type.Kind == TypeKind.Null)
        {
            return sawUntyped ? SqlType.String : SqlType.String;
        }

        return type;
    }

    private Expr BindCast(Expr operand, SqlType target, SqlNode node)
    {
        if (operand is Literal { IsUntypedString: true } literal)
        {
            return ParseLiteral((string)literal.Value.Value!, target, node);
        }

        if (operand is Literal { Value.IsNull: true })
        {
            return Literal.NullOf(target);
        }

        if (operand is ParameterExpr { ParameterType.Kind: TypeKind.Null } parameter)
        {
            _parameterTypes[parameter.Index] = target;
            return parameter with { ParameterType = target };
        }

        if (!CastRules.CanCast(operand.Type, target))
        {
            throw PlanError.At(node, ErrorCode.InvalidCast, $"cannot cast type {operand.Type} to {target}");
        }

        return operand.Type.Equals(target) ? operand : new CastExpr(operand, target);
    }
}
