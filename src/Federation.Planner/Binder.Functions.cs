using Federation.Common;
using Federation.Common.Types;
using Federation.Functions;
using Federation.Logical.Expressions;
using Federation.Sql.Ast;
using AstFrameBound = Federation.Sql.Ast.FrameBound;
using AstFrameBoundKind = Federation.Sql.Ast.FrameBoundKind;
using FrameBound = Federation.Logical.Expressions.FrameBound;
using FrameBoundKind = Federation.Logical.Expressions.FrameBoundKind;
using WindowFrame = Federation.Logical.Expressions.WindowFrame;

namespace Federation.Planner;

/// <summary>Function calls: scalar functions, aggregates (with DISTINCT, FILTER, WITHIN GROUP) and window functions.</summary>
public sealed partial class Binder
{
    /// <summary>Functions whose first argument may be a bare date-part word (Redshift: DATEADD(day, 1, d)).</summary>
    private static readonly HashSet<string> DatePartFunctions = new(StringComparer.Ordinal)
    {
        "dateadd", "datediff", "date_part", "datepart", "date_trunc", "date_add", "date_diff", "timestampadd", "timestampdiff",
    };

    private static readonly Dictionary<string, WindowFunctionKind> WindowFunctions = new(StringComparer.Ordinal)
    {
        ["row_number"] = WindowFunctionKind.RowNumber,
        ["rank"] = WindowFunctionKind.Rank,
        ["dense_rank"] = WindowFunctionKind.DenseRank,
        ["percent_rank"] = WindowFunctionKind.PercentRank,
        ["cume_dist"] = WindowFunctionKind.CumeDist,
        ["ntile"] = WindowFunctionKind.Ntile,
        ["lag"] = WindowFunctionKind.Lag,
        ["lead"] = WindowFunctionKind.Lead,
        ["first_value"] = WindowFunctionKind.FirstValue,
        ["last_value"] = WindowFunctionKind.LastValue,
        ["nth_value"] = WindowFunctionKind.NthValue,
    };

    private Expr BindFunctionCall(FunctionCall call, ExprContext ctx)
    {
        var name = call.Name.Parts[^1].Value.ToLowerInvariant();
        if (call.Over is not null)
        {
            return BindWindowCall(call, name, ctx);
        }

        if (WindowFunctions.ContainsKey(name))
        {
            throw PlanError.At(call, ErrorCode.SyntaxError, $"window function {name} requires an OVER clause");
        }

        if (_catalog.Functions.FindAggregate(name) is { } aggregate)
        {
            if (ctx.Aggregates is null)
            {
                throw PlanError.At(call, ErrorCode.GroupingError, ctx.Clause == "aggregate arguments"
                    ? "aggregate function calls cannot be nested"
                    : $"aggregate functions are not allowed in {ctx.Clause}");
            }

            var expr = BindAggregateCall(call, name, aggregate, ctx);
            ctx.Aggregates.Add(expr);
            return expr;
        }

        if (call.Distinct || call.Star || call.Filter is not null || call.WithinGroupOrderBy.Count > 0)
        {
            throw PlanError.At(call, ErrorCode.SyntaxError,
                $"{(call.Star ? "* argument" : call.Distinct ? "DISTINCT" : call.Filter is not null ? "FILTER" : "WITHIN GROUP")} specified, but {name} is not an aggregate function");
        }

        var scalar = _catalog.Functions.FindScalar(name);
        if (scalar is null)
        {
            var suggestion = NameSuggester.Closest(name, _catalog.Functions.AllNames);
            throw PlanError.At(call, ErrorCode.FunctionNotFound,
                $"function {name} does not exist{(suggestion is null ? string.Empty : $"; did you mean \"{suggestion}\"?")}");
        }

        var arguments = new List<Expr>(call.Arguments.Count);
        for (var i = 0; i < call.Arguments.Count; i++)
        {
            var argument = call.Arguments[i];
            if (i == 0 && DatePartFunctions.Contains(name) && argument is ColumnReference { Parts.Count: 1 } word
                && ctx.Scope.Find(null, null, word.Parts[0].Value).Count == 0)
            {
                arguments.Add(new Literal(ScalarValue.String(word.Parts[0].Value.ToLowerInvariant())));
                continue;
            }

            arguments.Add(BindExpr(argument, ctx));
        }

        return BindScalarFunction(scalar, arguments, call);
    }

    private Expr BindScalarFunction(ScalarFunction function, List<Expr> arguments, SqlNode node)
    {
        var types = arguments.Select(a => a is ParameterExpr { ParameterType.Kind: TypeKind.Null } ? SqlType.Null : a.Type).ToArray();
        ScalarFunctionBinding? binding;
        try
        {
            binding = function.Bind(types, ConstantArguments.Of(arguments));
        }
        catch (FederationException e)
        {
            throw PlanError.At(node, e.Code, e.Message);
        }

        if (binding is null)
        {
            throw PlanError.At(node, ErrorCode.FunctionNotFound,
                $"function {function.Name}({string.Join(", ", types.Select(t => t.Kind == TypeKind.Null ? "unknown" : t.ToString()))}) does not exist");
        }

        var coerced = arguments.Select((a, i) => Coerce(a, binding.ParameterTypes[i], node)).ToArray();
        return new ScalarFunctionExpr(binding, coerced);
    }

    private Expr BindCoalesce(IReadOnlyList<Expr> arguments, SqlNode node) =>
        BindScalarFunction(_catalog.Functions.FindScalar("coalesce") ?? throw FederationException.Internal("coalesce is not registered"), arguments.ToList(), node);

    /// <param name="argumentContext">
    /// Where the arguments are bound: by default a context without aggregates (aggregates cannot be nested); a
    /// window aggregate passes its window-argument context, whose arguments may be the query's aggregates
    /// (SUM(SUM(v)) OVER (...) sums the per-group sums).
    /// </param>
    private AggregateExpr BindAggregateCall(FunctionCall call, string name, Functions.Aggregates.AggregateFunction aggregate, ExprContext ctx,
        ExprContext? argumentContext = null)
    {
        argumentContext ??= new ExprContext(ctx.Scope, "aggregate arguments");
        var arguments = call.Arguments.Select(a => BindExpr(a, argumentContext)).ToList();
        if (call.Star && arguments.Count > 0)
        {
            throw PlanError.At(call, ErrorCode.SyntaxError, $"{name}(*) takes no arguments");
        }

        if (call.Star && name != "count")
        {
            throw PlanError.At(call, ErrorCode.SyntaxError, $"{name}(*) is not valid; only count(*) is");
        }

        var types = arguments.Select(a => a is Literal { IsUntypedString: true } ? SqlType.String : a.Type).ToArray();
        var binding = aggregate.Bind(types)
            ?? throw PlanError.At(call, ErrorCode.FunctionNotFound,
                $"function {name}({string.Join(", ", types.Select(t => t.Kind == TypeKind.Null ? "unknown" : t.ToString()))}) does not exist");
        var coerced = arguments.Select((a, i) => Coerce(a, binding.ParameterTypes[i], call)).ToArray();

        Expr? filter = null;
        if (call.Filter is not null)
        {
            filter = CoerceToBoolean(BindExpr(call.Filter, argumentContext), call.Filter, "FILTER");
        }

        var order = call.WithinGroupOrderBy.Select(o => MakeSortKey(BindExpr(o.Expression, argumentContext), o)).ToArray();
        return new AggregateExpr(binding, coerced, call.Distinct, filter, order);
    }

    private Expr BindWindowCall(FunctionCall call, string name, ExprContext ctx)
    {
        if (ctx.Windows is null)
        {
            throw PlanError.At(call, ErrorCode.GroupingError, ctx.Clause == "window arguments"
                ? "window function calls cannot be nested"
                : $"window functions are not allowed in {ctx.Clause}");
        }

        if (call.Distinct)
        {
            throw PlanError.NotSupported(call, "DISTINCT in a window function");
        }

        var inner = new ExprContext(ctx.Scope, "window arguments", ctx.Aggregates);
        var spec = ResolveWindowSpecification(call.Over!);
        var partitionBy = spec.PartitionBy.Select(p => BindExpr(p, inner)).ToArray();
        var orderBy = spec.OrderBy.Select(o => MakeSortKey(BindExpr(o.Expression, inner), o)).ToArray();

        WindowFunctionKind kind;
        Functions.Aggregates.AggregateBinding? aggregateBinding = null;
        List<Expr> arguments;
        SqlType resultType;
        if (WindowFunctions.TryGetValue(name, out kind))
        {
            arguments = call.Arguments.Select(a => BindExpr(a, inner)).ToList();
            resultType = BindWindowFunctionArguments(kind, name, arguments, call);
        }
        else if (_catalog.Functions.FindAggregate(name) is { } aggregate)
        {
            kind = WindowFunctionKind.Aggregate;
            var bound = BindAggregateCall(call with { Over = null }, name, aggregate, inner, inner);
            if (bound.Filter is not null || bound.OrderBy.Count > 0)
            {
                throw PlanError.NotSupported(call, "FILTER or WITHIN GROUP in a window aggregate");
            }

            aggregateBinding = bound.Binding;
            arguments = bound.Arguments.ToList();
            resultType = bound.Binding.ReturnType;
        }
        else
        {
            throw PlanError.At(call, ErrorCode.FunctionNotFound, $"function {name} is not a window function or an aggregate");
        }

        var frame = BindFrame(spec.Frame, orderBy, call);
        var window = new WindowExpr(kind, aggregateBinding, arguments, partitionBy, orderBy, frame, resultType);
        ctx.Windows.Add(window);
        return window;
    }

    private WindowSpecification ResolveWindowSpecification(WindowSpecification spec)
    {
        if (spec.BaseWindowName is null)
        {
            return spec;
        }

        var named = _namedWindows.FirstOrDefault(w => w.Name.Value == spec.BaseWindowName.Value)
            ?? throw PlanError.At(spec, ErrorCode.InvalidArgument, $"window \"{spec.BaseWindowName.Value}\" does not exist");
        var baseSpec = ResolveWindowSpecification(named.Specification);
        return new WindowSpecification(null,
            baseSpec.PartitionBy,
            spec.OrderBy.Count > 0 ? spec.OrderBy : baseSpec.OrderBy,
            spec.Frame ?? baseSpec.Frame) { Position = spec.Position };
    }

    private SqlType BindWindowFunctionArguments(WindowFunctionKind kind, string name, List<Expr> arguments, SqlNode node)
    {
        void Count(int min, int max)
        {
            if (arguments.Count < min || arguments.Count > max)
            {
                throw PlanError.At(node, ErrorCode.FunctionNotFound, $"function {name} with {arguments.Count} arguments does not exist");
            }
        }

        switch (kind)
        {
            case WindowFunctionKind.RowNumber or WindowFunctionKind.Rank or WindowFunctionKind.DenseRank:
                Count(0, 0);
                return SqlType.Int64;
            case WindowFunctionKind.PercentRank or WindowFunctionKind.CumeDist:
                Count(0, 0);
                return SqlType.Float64;
            case WindowFunctionKind.Ntile:
                Count(1, 1);
                arguments[0] = Coerce(arguments[0], SqlType.Int64, node);
                return SqlType.Int64;
            case WindowFunctionKind.Lag or WindowFunctionKind.Lead:
            {
                Count(1, 3);
                var type = arguments[0].Type.Kind == TypeKind.Null ? SqlType.String : arguments[0].Type;
                if (arguments.Count >= 3)
                {
                    type = TypeCoercion.CommonType(type, arguments[2].Type)
                        ?? throw PlanError.At(node, ErrorCode.TypeMismatch, $"{name} default type {arguments[2].Type} does not match {type}");
                    arguments[2] = Coerce(arguments[2], type, node);
                }

                arguments[0] = Coerce(arguments[0], type, node);
                if (arguments.Count >= 2)
                {
                    arguments[1] = Coerce(arguments[1], SqlType.Int64, node);
                }

                return type;
            }

            case WindowFunctionKind.FirstValue or WindowFunctionKind.LastValue:
                Count(1, 1);
                return arguments[0].Type.Kind == TypeKind.Null ? SqlType.String : arguments[0].Type;
            default: // NthValue
                Count(2, 2);
                arguments[1] = Coerce(arguments[1], SqlType.Int64, node);
                return arguments[0].Type;
        }
    }

    private WindowFrame BindFrame(Sql.Ast.WindowFrame? frame, IReadOnlyList<SortKey> orderBy, SqlNode node)
    {
        if (frame is null)
        {
            return orderBy.Count > 0 ? WindowFrame.DefaultWithOrder : WindowFrame.WholePartition;
        }

        var units = frame.Units == WindowFrameUnits.Rows ? FrameUnits.Rows : FrameUnits.Range;
        var start = BindFrameBound(frame.Start, units, orderBy, node);
        var end = BindFrameBound(frame.End, units, orderBy, node);
        if (start.Kind == FrameBoundKind.UnboundedFollowing)
        {
            throw PlanError.At(frame, ErrorCode.SyntaxError, "frame start cannot be UNBOUNDED FOLLOWING");
        }

        if (end.Kind == FrameBoundKind.UnboundedPreceding)
        {
            throw PlanError.At(frame, ErrorCode.SyntaxError, "frame end cannot be UNBOUNDED PRECEDING");
        }

        if ((int)start.Kind > (int)end.Kind && !(start.Kind == end.Kind))
        {
            throw PlanError.At(frame, ErrorCode.SyntaxError, "frame starting from following row cannot end with current row or a preceding row");
        }

        return new WindowFrame(units, start, end);
    }

    private FrameBound BindFrameBound(AstFrameBound bound, FrameUnits units, IReadOnlyList<SortKey> orderBy, SqlNode node)
    {
        var kind = bound.Kind switch
        {
            AstFrameBoundKind.UnboundedPreceding => FrameBoundKind.UnboundedPreceding,
            AstFrameBoundKind.Preceding => FrameBoundKind.Preceding,
            AstFrameBoundKind.CurrentRow => FrameBoundKind.CurrentRow,
            AstFrameBoundKind.Following => FrameBoundKind.Following,
            _ => FrameBoundKind.UnboundedFollowing,
        };
        if (bound.Offset is null)
        {
            return new FrameBound(kind, null);
        }

        var offset = BindConstantExpression(bound.Offset, "window frame");
        if (offset is not Literal { Value: { IsNull: false } value })
        {
            throw PlanError.At(bound.Offset, ErrorCode.InvalidArgument, "frame offset must be a non-null constant");
        }

        if (units == FrameUnits.Rows)
        {
            if (!value.Type.IsInteger || value.AsInt64() < 0)
            {
                throw PlanError.At(bound.Offset, ErrorCode.InvalidArgument, "frame starting or ending offset must be a non-negative integer");
            }

            return new FrameBound(kind, ScalarValue.Int64(value.AsInt64()));
        }

        if (orderBy.Count != 1)
        {
            throw PlanError.At(node, ErrorCode.SyntaxError, "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column");
        }

        var keyType = orderBy[0].Expr.Type;
        ScalarValue converted;
        if (keyType.IsTemporal)
        {
            if (value.Type.Kind != TypeKind.Interval)
            {
                throw PlanError.At(bound.Offset, ErrorCode.TypeMismatch, $"RANGE offset for {keyType} must be an interval");
            }

            converted = value;
        }
        else if (keyType.IsNumeric)
        {
            converted = TryExactLiteral(value, keyType) ?? (value.Type.IsNumeric ? value : throw PlanError.At(bound.Offset, ErrorCode.TypeMismatch, $"RANGE offset must be numeric for {keyType}"));
        }
        else
        {
            throw PlanError.NotSupported(bound.Offset, $"RANGE with offset over {keyType}");
        }

        if (converted.CompareTo(new ScalarValue(converted.Type, converted.Type.Kind switch
            {
                TypeKind.Interval => new Interval(0, 0, 0),
                _ => ZeroOf(converted.Type),
            })) < 0)
        {
            throw PlanError.At(bound.Offset, ErrorCode.InvalidArgument, "invalid preceding or following size in window function");
        }

        return new FrameBound(kind, converted);
    }

    private static object ZeroOf(SqlType type) => type.Kind switch
    {
        TypeKind.Int16 => (short)0,
        TypeKind.Int32 => 0,
        TypeKind.Int64 => 0L,
        TypeKind.Float32 => 0f,
        TypeKind.Float64 => 0d,
        TypeKind.Decimal => Int128.Zero,
        _ => 0,
    };
}
