using Federation.Common.Types;

namespace Federation.Logical.Expressions;

/// <summary>
/// The values of a function call's arguments that are constants when planning, for
/// <c>ScalarFunction.Bind(types, constants)</c>: a literal, or an integer literal cast to another integer type (how
/// the binder widens ROUND's digits to bigint); null for any other argument. A worker binding a fragment's call again
/// finds the same constants, so it reaches the same result type.
/// </summary>
public static class ConstantArguments
{
    public static ScalarValue?[] Of(IReadOnlyList<Expr> arguments)
    {
        var constants = new ScalarValue?[arguments.Count];
        for (var i = 0; i < constants.Length; i++)
        {
            constants[i] = arguments[i] switch
            {
                Literal { IsUntypedString: false, Value.IsNull: false } literal => literal.Value,
                CastExpr { Input: Literal { Value: { IsNull: false, Type.IsInteger: true } value }, Target.IsInteger: true } => value,
                _ => null,
            };
        }

        return constants;
    }
}
