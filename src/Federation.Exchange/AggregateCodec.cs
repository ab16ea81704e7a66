using Federation.Common;
using Federation.Common.Types;
using Federation.Functions;
using Federation.Logical.Expressions;
using Federation.Physical.Tables;
using Proto = Federation.Exchange.Protocol;

namespace Federation.Exchange;

/// <summary>
/// A fragment's partial aggregate to and from its protobuf form. Aggregate functions travel by name and are bound
/// again on the worker for the same argument types; the worker refuses one whose result or state types differ from
/// the coordinator's, since the coordinator merges the states it gets back by their types.
/// </summary>
internal static class AggregateCodec
{
    public static Proto.PartialAggregate Encode(PartialAggregation aggregate)
    {
        var message = new Proto.PartialAggregate();
        foreach (var group in aggregate.GroupBy)
        {
            message.GroupBy.Add(ExprCodec.Encode(group));
        }

        foreach (var call in aggregate.Aggregates)
        {
            if (!ShippableFilters.IsWorkersAggregate(call.Binding, FunctionRegistry.Default))
            {
                throw new FederationException(ErrorCode.NotSupported, $"{call} uses an aggregate function workers do not have");
            }

            var encoded = new Proto.AggregateCall
            {
                Name = call.Binding.Name,
                Filter = call.Filter is null ? null : ExprCodec.Encode(call.Filter),
                ReturnType = ValueCodec.Encode(call.Binding.ReturnType),
            };
            foreach (var argument in call.Arguments)
            {
                encoded.Arguments.Add(ExprCodec.Encode(argument));
            }

            foreach (var state in call.Binding.StateTypes ?? throw FragmentCodec.Malformed($"aggregate {call} has no partial state"))
            {
                encoded.StateTypes.Add(ValueCodec.Encode(state));
            }

            message.Aggregates.Add(encoded);
        }

        return message;
    }

    /// <param name="filters">The fragment's filters, which the partial aggregate's rows satisfy.</param>
    public static PartialAggregation Decode(Proto.PartialAggregate message, IReadOnlyList<Expr> filters, FunctionRegistry functions)
    {
        var groupBy = new Expr[message.GroupBy.Count];
        for (var g = 0; g < groupBy.Length; g++)
        {
            groupBy[g] = ExprCodec.Decode(message.GroupBy[g], functions);
        }

        var calls = new AggregateExpr[message.Aggregates.Count];
        for (var a = 0; a < calls.Length; a++)
        {
            calls[a] = Decode(message.Aggregates[a], functions);
        }

        return new PartialAggregation(filters, groupBy, calls);
    }

    private static AggregateExpr Decode(Proto.AggregateCall call, FunctionRegistry functions)
    {
        var arguments = new Expr[call.Arguments.Count];
        var types = new SqlType[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = ExprCodec.Decode(call.Arguments[i], functions);
            types[i] = arguments[i].Type;
        }

        var filter = call.Filter is null ? null : ExprCodec.Decode(call.Filter, functions);
        if (filter is not null && filter.Type.Kind != TypeKind.Boolean)
        {
            throw FragmentCodec.Malformed($"the FILTER of aggregate {call.Name} is not boolean");
        }

        var returns = ValueCodec.Decode(call.ReturnType);
        var states = new SqlType[call.StateTypes.Count];
        for (var s = 0; s < states.Length; s++)
        {
            states[s] = ValueCodec.Decode(call.StateTypes[s]);
        }

        var signature = $"{call.Name}({string.Join(", ", types.Select(t => t.ToString()))})";
        var function = functions.FindAggregate(call.Name)
            ?? throw new FederationException(ErrorCode.FunctionNotFound, $"scan fragment calls aggregate {call.Name}, which this worker does not have");
        var binding = function.Bind(types)
            ?? throw new FederationException(ErrorCode.FunctionNotFound, $"scan fragment calls aggregate {signature}, which this worker cannot bind");
        if (!binding.ReturnType.SameComputation(returns) || binding.StateTypes is not { } bound || !SameTypes(bound, states))
        {
            throw new FederationException(ErrorCode.FunctionNotFound,
                $"scan fragment calls aggregate {signature} returning {returns} with states ({string.Join(", ", states.Select(t => t.ToString()))}), "
                + $"which this worker binds to one returning {binding.ReturnType} with states ({string.Join(", ", (binding.StateTypes ?? []).Select(t => t.ToString()))})");
        }

        return new AggregateExpr(binding with { ReturnType = returns }, arguments, Distinct: false, filter, []);
    }

    private static bool SameTypes(IReadOnlyList<SqlType> left, IReadOnlyList<SqlType> right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        for (var i = 0; i < left.Count; i++)
        {
            if (!left[i].SameComputation(right[i]))
            {
                return false;
            }
        }

        return true;
    }
}
