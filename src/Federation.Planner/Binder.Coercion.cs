using Federation.Common;
using Federation.Common.Types;
using Federation.Logical.Expressions;
using Federation.Sql.Ast;

namespace Federation.Planner;

/// <summary>Implicit casts: untyped literals take the type the context needs, parameters learn their types.</summary>
public sealed partial class Binder
{
    private static bool IsUntypedLiteral(Expr e) => e is Literal { IsUntypedString: true } || e is Literal { Value.Type.Kind: TypeKind.Null };

    /// <summary>Converts an expression to a type the context requires (after the caller chose that type).</summary>
    private Expr Coerce(Expr expr, SqlType target, SqlNode? node)
    {
        if (target.Kind == TypeKind.Null)
        {
            return expr;
        }

        switch (expr)
        {
            case Literal { IsUntypedString: true } untyped when target.Kind != TypeKind.String || target.IsChar:
                return ParseLiteral((string)untyped.Value.Value!, target, node);
            case Literal { IsUntypedString: true } untyped:
                return untyped with { IsUntypedString = false };
            case Literal { Value.IsNull: true }:
                return Literal.NullOf(target);
            case ParameterExpr { ParameterType.Kind: TypeKind.Null } parameter:
                _parameterTypes[parameter.Index] = target;
                return parameter with { ParameterType = target };
        }

        if (expr.Type.Kind == TypeKind.String && target.Kind == TypeKind.String && (expr.Type.IsChar || target.IsChar)
            && !(expr.Type.IsChar && target.IsChar && expr.Type.Length == target.Length))
        {
            return new CastExpr(expr, target); // CHAR(n) padding is added or dropped
        }

        if (expr.Type.SameComputation(target) && (target.Kind != TypeKind.String || target.Length < 0 || expr.Type.Length == target.Length))
        {
            return expr;
        }

        if (expr.Type.Kind == TypeKind.String && target.Kind == TypeKind.String)
        {
            return expr; // varchar(n) → text needs no work
        }

        if (expr is Literal literal && TryExactLiteral(literal.Value, target) is { } exact)
        {
            return new Literal(exact);
        }

        return new CastExpr(expr, target);
    }

    private Expr CoerceToBoolean(Expr expr, SqlNode node, string construct)
    {
        if (expr.Type.Kind == TypeKind.Boolean)
        {
            return expr;
        }

        if (IsUntypedLiteral(expr) || expr is ParameterExpr { ParameterType.Kind: TypeKind.Null })
        {
            return Coerce(expr, SqlType.Boolean, node);
        }

        throw PlanError.At(node, ErrorCode.TypeMismatch, $"argument of {construct} must be type boolean, not type {expr.Type}");
    }

    private Expr CoerceToText(Expr expr, SqlNode node, string construct)
    {
        if (expr.Type.Kind == TypeKind.String)
        {
            return expr is Literal { IsUntypedString: true } l ? l with { IsUntypedString = false } : expr;
        }

        if (IsUntypedLiteral(expr) || expr is ParameterExpr { ParameterType.Kind: TypeKind.Null })
        {
            return Coerce(expr, SqlType.String, node);
        }

        throw PlanError.At(node, ErrorCode.TypeMismatch, $"operator does not exist: {expr.Type} {construct} text");
    }

    /// <summary>Parses a quoted literal as a type: DATE '2024-01-31', '42'::int, '1 day'::interval.</summary>
    private Literal ParseLiteral(string text, SqlType type, SqlNode? node)
    {
        if (!ValueParser.TryParse(text, type, out var value, out var error, TimeZone))
        {
            throw PlanError.At(node, error!.Code, error.Message);
        }

        return new Literal(new ScalarValue(type, value));
    }

    /// <summary>A numeric literal converted to another numeric type when no value changes; null otherwise.</summary>
    private static ScalarValue? TryExactLiteral(ScalarValue value, SqlType target)
    {
        if (value.IsNull || !value.Type.IsNumeric || !target.IsNumeric)
        {
            return null;
        }

        if (value.Type.SameComputation(target))
        {
            return value;
        }

        if (value.Type.IsInteger)
        {
            var n = value.AsInt64();
            switch (target.Kind)
            {
                case TypeKind.Int16 when n is >= short.MinValue and <= short.MaxValue:
                    return ScalarValue.Int16((short)n);
                case TypeKind.Int32 when n is >= int.MinValue and <= int.MaxValue:
                    return ScalarValue.Int32((int)n);
                case TypeKind.Int64:
                    return ScalarValue.Int64(n);
                // Ranges, not Math.Abs: the absolute value of long.MinValue overflows.
                case TypeKind.Float64 when n is >= -(1L << 53) and <= 1L << 53:
                    return ScalarValue.Float64(n);
                case TypeKind.Float32 when n is >= -(1L << 24) and <= 1L << 24:
                    return ScalarValue.Float32(n);
                case TypeKind.Decimal:
                    // Checked before scaling: n * 10^scale may not fit even an Int128.
                    return DecimalMath.FitsPrecision(n, target.Precision - target.Scale)
                        ? new ScalarValue(target, (Int128)n * DecimalMath.Pow10(target.Scale))
                        : null;
            }

            return null;
        }

        if (value.Type.Kind == TypeKind.Decimal)
        {
            var unscaled = (Int128)value.Value!;
            var scale = value.Type.Scale;
            switch (target.Kind)
            {
                case TypeKind.Decimal when target.Scale >= scale:
                    // The integer digits must fit before scaling, which could otherwise overflow an Int128.
                    var integerDigits = target.Precision - (target.Scale - scale);
                    return integerDigits >= 0 && DecimalMath.FitsPrecision(unscaled, integerDigits)
                        ? new ScalarValue(target, unscaled * DecimalMath.Pow10(target.Scale - scale))
                        : null;
                case TypeKind.Int16 or TypeKind.Int32 or TypeKind.Int64:
                    var divisor = DecimalMath.Pow10(scale);
                    if (unscaled % divisor != 0)
                    {
                        return null;
                    }

                    var whole = unscaled / divisor;
                    return whole >= long.MinValue && whole <= long.MaxValue ? TryExactLiteral(ScalarValue.Int64((long)whole), target) : null;
            }
        }

        return null;
    }
}
