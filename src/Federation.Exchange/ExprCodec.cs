using Federation.Common;
using Federation.Functions;
using Federation.Logical;
using Federation.Logical.Expressions;
using Proto = Federation.Exchange.Protocol;

namespace Federation.Exchange;

/// <summary>
/// Filter expressions to and from their protobuf form. Only the kinds <see cref="ShippableFilters"/> admits have one;
/// encoding anything else is an error, so a filter the worker cannot run is never silently lost. Functions travel by
/// name and are bound again on the worker for the same argument types.
/// </summary>
internal static class ExprCodec
{
    public static Proto.Expr Encode(Expr expr) => expr switch
    {
        ColumnRef c => new Proto.Expr
        {
            Column = new Proto.ColumnRefExpr { Id = c.Id, Name = c.Column.Name, Type = ValueCodec.Encode(c.Type), Nullable = c.Column.Nullable },
        },
        Literal l => new Proto.Expr { Literal = new Proto.LiteralExpr { Value = ValueCodec.Encode(l.Value), UntypedString = l.IsUntypedString } },
        BinaryExpr b => new Proto.Expr
        {
            Binary = new Proto.BinaryExpr { Op = Encode(b.Op), Left = Encode(b.Left), Right = Encode(b.Right), ResultType = ValueCodec.Encode(b.ResultType) },
        },
        NotExpr n => new Proto.Expr { Not = new Proto.NotExpr { Input = Encode(n.Input) } },
        NegateExpr n => new Proto.Expr { Negate = new Proto.NegateExpr { Input = Encode(n.Input) } },
        IsNullExpr i => new Proto.Expr { IsNull = new Proto.IsNullExpr { Input = Encode(i.Input), Negated = i.Negated } },
        InListExpr i => new Proto.Expr { InList = EncodeInList(i) },
        LikeExpr l => new Proto.Expr { Like = EncodeLike(l) },
        RegexMatchExpr r => new Proto.Expr
        {
            RegexMatch = new Proto.RegexMatchExpr
            {
                Input = Encode(r.Input), Pattern = Encode(r.Pattern), CaseInsensitive = r.CaseInsensitive, Negated = r.Negated, Similar = r.Similar,
            },
        },
        CastExpr c => new Proto.Expr { Cast = new Proto.CastExpr { Input = Encode(c.Input), Target = ValueCodec.Encode(c.Target) } },
        CaseExpr c => new Proto.Expr { Case = EncodeCase(c) },
        ScalarFunctionExpr f => new Proto.Expr { Function = EncodeFunction(f) },
        _ => throw new FederationException(ErrorCode.NotSupported, $"{expr} ({expr.GetType().Name}) cannot be evaluated on a worker"),
    };

    private static Proto.InListExpr EncodeInList(InListExpr inList)
    {
        var message = new Proto.InListExpr { Input = Encode(inList.Input), Negated = inList.Negated };
        foreach (var item in inList.List)
        {
            message.List.Add(Encode(item));
        }

        return message;
    }

    private static Proto.LikeExpr EncodeLike(LikeExpr like)
    {
        var message = new Proto.LikeExpr
        {
            Input = Encode(like.Input), Pattern = Encode(like.Pattern), CaseInsensitive = like.CaseInsensitive, Negated = like.Negated,
        };
        if (like.Escape is not null)
        {
            message.Escape = like.Escape;
        }

        return message;
    }

    private static Proto.CaseExpr EncodeCase(CaseExpr caseExpr)
    {
        var message = new Proto.CaseExpr { ResultType = ValueCodec.Encode(caseExpr.ResultType), Else = caseExpr.Else is null ? null : Encode(caseExpr.Else) };
        foreach (var when in caseExpr.Whens)
        {
            message.Whens.Add(new Proto.CaseExpr.Types.When { When_ = Encode(when.When), Then = Encode(when.Then) });
        }

        return message;
    }

    private static Proto.FunctionExpr EncodeFunction(ScalarFunctionExpr function)
    {
        if (!ReferenceEquals(FunctionRegistry.Default.FindScalar(function.Binding.Name), function.Binding.Function))
        {
            throw new FederationException(ErrorCode.NotSupported, $"function {function.Binding.Name} is not a built-in function a worker knows");
        }

        var message = new Proto.FunctionExpr { Name = function.Binding.Name, ReturnType = ValueCodec.Encode(function.Binding.ReturnType) };
        foreach (var argument in function.Arguments)
        {
            message.Arguments.Add(Encode(argument));
        }

        return message;
    }

    public static Expr Decode(Proto.Expr? expr, FunctionRegistry functions)
    {
        Expr D(Proto.Expr? e) => Decode(e, functions);
        switch (expr?.KindCase ?? Proto.Expr.KindOneofCase.None)
        {
            case Proto.Expr.KindOneofCase.Column:
                var c = expr!.Column;
                return new ColumnRef(new PlanColumn(c.Id, c.Name, ValueCodec.Decode(c.Type), c.Nullable));
            case Proto.Expr.KindOneofCase.Literal:
                return new Literal(ValueCodec.Decode(expr!.Literal.Value)) { IsUntypedString = expr.Literal.UntypedString };
            case Proto.Expr.KindOneofCase.Binary:
                var b = expr!.Binary;
                return new BinaryExpr(Decode(b.Op), D(b.Left), D(b.Right), ValueCodec.Decode(b.ResultType));
            case Proto.Expr.KindOneofCase.Not:
                return new NotExpr(D(expr!.Not.Input));
            case Proto.Expr.KindOneofCase.Negate:
                return new NegateExpr(D(expr!.Negate.Input));
            case Proto.Expr.KindOneofCase.IsNull:
                return new IsNullExpr(D(expr!.IsNull.Input), expr.IsNull.Negated);
            case Proto.Expr.KindOneofCase.InList:
                var inList = expr!.InList;
                var items = new Expr[inList.List.Count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = D(inList.List[i]);
                }

                return new InListExpr(D(inList.Input), items, inList.Negated);
            case Proto.Expr.KindOneofCase.Like:
                var like = expr!.Like;
                return new LikeExpr(D(like.Input), D(like.Pattern), like.HasEscape ? like.Escape : null, like.CaseInsensitive, like.Negated);
            case Proto.Expr.KindOneofCase.RegexMatch:
                var regex = expr!.RegexMatch;
                return new RegexMatchExpr(D(regex.Input), D(regex.Pattern), regex.CaseInsensitive, regex.Negated, regex.Similar);
            case Proto.Expr.KindOneofCase.Cast:
                return new CastExpr(D(expr!.Cast.Input), ValueCodec.Decode(expr.Cast.Target));
            case Proto.Expr.KindOneofCase.Case:
                var caseExpr = expr!.Case;
                var whens = new CaseWhen[caseExpr.Whens.Count];
                for (var i = 0; i < whens.Length; i++)
                {
                    whens[i] = new CaseWhen(D(caseExpr.Whens[i].When_), D(caseExpr.Whens[i].Then));
                }

                return new CaseExpr(whens, caseExpr.Else is null ? null : D(caseExpr.Else), ValueCodec.Decode(caseExpr.ResultType));
            case Proto.Expr.KindOneofCase.Function:
                return DecodeFunction(expr!.Function, functions);
            default:
                throw FragmentCodec.Malformed("an expression of unknown kind");
        }
    }

    /// <summary>Binds the function again for the arguments' types; a different result type means the two builds disagree.</summary>
    private static ScalarFunctionExpr DecodeFunction(Proto.FunctionExpr function, FunctionRegistry functions)
    {
        var arguments = new Expr[function.Arguments.Count];
        var types = new Common.Types.SqlType[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Decode(function.Arguments[i], functions);
            types[i] = arguments[i].Type;
        }

        var returns = ValueCodec.Decode(function.ReturnType);
        var found = functions.FindScalar(function.Name)
            ?? throw new FederationException(ErrorCode.FunctionNotFound, $"scan fragment calls function {function.Name}, which this worker does not have");
        var binding = found.Bind(types, ConstantArguments.Of(arguments));
        if (binding is null || !binding.ReturnType.SameComputation(returns))
        {
            throw new FederationException(ErrorCode.FunctionNotFound,
                $"scan fragment calls {function.Name}({string.Join(", ", types.Select(t => t.ToString()))}) returning {returns}, which this worker binds "
                + (binding is null ? "to nothing" : $"to a function returning {binding.ReturnType}"));
        }

        return new ScalarFunctionExpr(binding with { ReturnType = returns }, arguments);
    }

    private static Proto.BinaryOp Encode(BinaryOp op) => op switch
    {
        BinaryOp.Add => Proto.BinaryOp.Add,
        BinaryOp.Subtract => Proto.BinaryOp.Subtract,
        BinaryOp.Multiply => Proto.BinaryOp.Multiply,
        BinaryOp.Divide => Proto.BinaryOp.Divide,
        BinaryOp.Modulo => Proto.BinaryOp.Modulo,
        BinaryOp.Concat => Proto.BinaryOp.Concat,
        BinaryOp.Equal => Proto.BinaryOp.Equal,
        BinaryOp.NotEqual => Proto.BinaryOp.NotEqual,
        BinaryOp.Less => Proto.BinaryOp.Less,
        BinaryOp.LessOrEqual => Proto.BinaryOp.LessOrEqual,
        BinaryOp.Greater => Proto.BinaryOp.Greater,
        BinaryOp.GreaterOrEqual => Proto.BinaryOp.GreaterOrEqual,
        BinaryOp.IsDistinctFrom => Proto.BinaryOp.IsDistinctFrom,
        BinaryOp.IsNotDistinctFrom => Proto.BinaryOp.IsNotDistinctFrom,
        BinaryOp.And => Proto.BinaryOp.And,
        BinaryOp.Or => Proto.BinaryOp.Or,
        _ => throw FederationException.Internal($"operator {op} has no wire form"),
    };

    private static BinaryOp Decode(Proto.BinaryOp op) => op switch
    {
        Proto.BinaryOp.Add => BinaryOp.Add,
        Proto.BinaryOp.Subtract => BinaryOp.Subtract,
        Proto.BinaryOp.Multiply => BinaryOp.Multiply,
        Proto.BinaryOp.Divide => BinaryOp.Divide,
        Proto.BinaryOp.Modulo => BinaryOp.Modulo,
        Proto.BinaryOp.Concat => BinaryOp.Concat,
        Proto.BinaryOp.Equal => BinaryOp.Equal,
        Proto.BinaryOp.NotEqual => BinaryOp.NotEqual,
        Proto.BinaryOp.Less => BinaryOp.Less,
        Proto.BinaryOp.LessOrEqual => BinaryOp.LessOrEqual,
        Proto.BinaryOp.Greater => BinaryOp.Greater,
        Proto.BinaryOp.GreaterOrEqual => BinaryOp.GreaterOrEqual,
        Proto.BinaryOp.IsDistinctFrom => BinaryOp.IsDistinctFrom,
        Proto.BinaryOp.IsNotDistinctFrom => BinaryOp.IsNotDistinctFrom,
        Proto.BinaryOp.And => BinaryOp.And,
        Proto.BinaryOp.Or => BinaryOp.Or,
        _ => throw FragmentCodec.Malformed($"unknown operator {op}"),
    };
}
