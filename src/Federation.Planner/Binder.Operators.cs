using Federation.Common;
using Federation.Common.Types;
using Federation.Logical.Expressions;
using Federation.Sql.Ast;

namespace Federation.Planner;

/// <summary>
/// Operator typing: comparisons find one common type, arithmetic follows PostgreSQL for integers and floats and
/// Redshift's precision and scale rules for decimals, and dates, timestamps and intervals combine as in PostgreSQL.
/// </summary>
public sealed partial class Binder
{
    private Expr BindBinary(BinaryOperator op, Expr left, Expr right, SqlNode node)
    {
        switch (op)
        {
            case BinaryOperator.And or BinaryOperator.Or:
            {
                var name = op == BinaryOperator.And ? "AND" : "OR";
                return new BinaryExpr(op == BinaryOperator.And ? BinaryOp.And : BinaryOp.Or,
                    CoerceToBoolean(left, node, name), CoerceToBoolean(right, node, name), SqlType.Boolean);
            }

            case BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.Less or BinaryOperator.LessOrEqual
                or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual or BinaryOperator.IsDistinctFrom or BinaryOperator.IsNotDistinctFrom:
                return BindComparison(ToLogical(op), left, right, node);

            case BinaryOperator.Concat:
                return BindConcat(left, right, node);

            case BinaryOperator.Power:
                // x ^ y is power(x, y), in double precision.
                return BindScalarFunction(_catalog.Functions.FindScalar("power") ?? throw FederationException.Internal("power is not registered"),
                    [left, right], node);

            default:
                return BindArithmetic(ToLogical(op), left, right, node);
        }
    }

    private static BinaryOp ToLogical(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => BinaryOp.Add,
        BinaryOperator.Subtract => BinaryOp.Subtract,
        BinaryOperator.Multiply => BinaryOp.Multiply,
        BinaryOperator.Divide => BinaryOp.Divide,
        BinaryOperator.Modulo => BinaryOp.Modulo,
        BinaryOperator.Concat => BinaryOp.Concat,
        BinaryOperator.Equal => BinaryOp.Equal,
        BinaryOperator.NotEqual => BinaryOp.NotEqual,
        BinaryOperator.Less => BinaryOp.Less,
        BinaryOperator.LessOrEqual => BinaryOp.LessOrEqual,
        BinaryOperator.Greater => BinaryOp.Greater,
        BinaryOperator.GreaterOrEqual => BinaryOp.GreaterOrEqual,
        BinaryOperator.IsDistinctFrom => BinaryOp.IsDistinctFrom,
        BinaryOperator.IsNotDistinctFrom => BinaryOp.IsNotDistinctFrom,
        BinaryOperator.And => BinaryOp.And,
        _ => BinaryOp.Or,
    };

    private static bool IsOpen(Expr e) => IsUntypedLiteral(e) || e is ParameterExpr { ParameterType.Kind: TypeKind.Null };

    private Expr BindComparison(BinaryOp op, Expr left, Expr right, SqlNode node)
    {
        if (left.Type.IsChar || right.Type.IsChar)
        {
            (left, right) = CharComparands(op, left, right, node);
        }

        // An untyped side takes the other side's type; two untyped sides compare as text.
        if (IsOpen(left) && !IsOpen(right))
        {
            left = Coerce(left, right.Type, node);
        }
        else if (IsOpen(right) && !IsOpen(left))
        {
            right = Coerce(right, left.Type, node);
        }
        else if (IsOpen(left) && IsOpen(right))
        {
            left = Coerce(left, SqlType.String, node);
            right = Coerce(right, SqlType.String, node);
        }

        // A numeric literal that fits the column's type is converted instead of casting the column per row.
        if (right is Literal rl && left is not Literal && TryExactLiteral(rl.Value, left.Type) is { } rv)
        {
            right = new Literal(rv);
        }
        else if (left is Literal ll && right is not Literal && TryExactLiteral(ll.Value, right.Type) is { } lv)
        {
            left = new Literal(lv);
        }

        var common = TypeCoercion.CommonType(left.Type, right.Type)
            ?? throw PlanError.At(node, ErrorCode.TypeMismatch, $"operator does not exist: {left.Type} {op.Symbol()} {right.Type}");
        if (common.Kind == TypeKind.Null)
        {
            common = SqlType.String;
        }

        if (common.Kind is TypeKind.Interval && op is not (BinaryOp.Equal or BinaryOp.NotEqual or BinaryOp.IsDistinctFrom or BinaryOp.IsNotDistinctFrom)
            && left.Type.Kind != TypeKind.Interval)
        {
            throw PlanError.At(node, ErrorCode.TypeMismatch, $"operator does not exist: {left.Type} {op.Symbol()} {right.Type}");
        }

        if (common.Kind == TypeKind.Decimal && !left.Type.IsFloat && !right.Type.IsFloat)
        {
            left = ExactComparand(left, common, node);
            right = ExactComparand(right, common, node);
        }

        return new BinaryExpr(op, Coerce(left, common, node), Coerce(right, common, node), SqlType.Boolean);
    }

    /// <summary>
    /// A numeric operand whose integer digits the common type cannot hold (the common type of bigint and
    /// numeric(38,37) would need 56 digits) is compared through numeric_comparand, which gives values past 38 digits
    /// a magnitude beyond the other side's instead of failing: numerics compare exactly, as in PostgreSQL.
    /// </summary>
    private Expr ExactComparand(Expr operand, SqlType common, SqlNode node)
    {
        if (!(operand.Type.IsInteger || operand.Type.Kind == TypeKind.Decimal))
        {
            return operand;
        }

        var type = operand.Type.ToDecimal();
        if (type.Precision - type.Scale + common.Scale <= SqlType.MaxDecimalPrecision)
        {
            return operand;
        }

        var function = _catalog.Functions.FindScalar(Functions.Scalar.Math.NumericComparandFunction.FunctionName)
            ?? throw FederationException.Internal("numeric_comparand is not registered");
        return BindScalarFunction(function, [operand, new Literal(ScalarValue.Int32(common.Scale))], node);
    }

    /// <summary>
    /// CHAR(n) values compare ignoring trailing blanks, as PostgreSQL's bpchar. Two values of one CHAR(n) type are
    /// padded alike, so they are equal exactly when their padded forms are; an untyped literal that fits in n is
    /// padded to match. Anything else (ordering, another length, a longer literal, text) compares as text, which
    /// drops the padding; an untyped literal or a varchar then drops its trailing blanks too, as a bpchar value would.
    /// </summary>
    private (Expr Left, Expr Right) CharComparands(BinaryOp op, Expr left, Expr right, SqlNode node)
    {
        var equality = op is BinaryOp.Equal or BinaryOp.NotEqual or BinaryOp.IsDistinctFrom or BinaryOp.IsNotDistinctFrom;
        if (equality && left.Type.IsChar && right.Type.IsChar && left.Type.Length == right.Type.Length)
        {
            return (left, right);
        }

        var charType = left.Type.IsChar ? left.Type : right.Type;
        Expr Literal(Expr e)
        {
            if (e is not Literal { IsUntypedString: true } untyped)
            {
                return e;
            }

            var text = CharPadding.TrimTrailingBlanks((string)untyped.Value.Value!);
            return equality && text.Length <= charType.Length
                ? ParseLiteral(text, charType, node)
                : new Literal(ScalarValue.String(text));
        }

        left = Literal(left);
        right = Literal(right);
        if (equality && left.Type == right.Type)
        {
            return (left, right);
        }

        return (Unpadded(left), Unpadded(right));

        // CHAR loses its padding as text; a varchar(n) next to CHAR compares as CHAR too (PostgreSQL picks
        // bpchar's operator for it), so its trailing blanks go as well. Text keeps them.
        Expr Unpadded(Expr e) => e.Type switch
        {
            { IsChar: true } => Coerce(e, SqlType.String, node),
            { Kind: TypeKind.String, Length: >= 0 } => BindScalarFunction(
                _catalog.Functions.FindScalar("rtrim") ?? throw FederationException.Internal("rtrim is not registered"), [e], node),
            _ => e,
        };
    }

    private Expr BindConcat(Expr left, Expr right, SqlNode node)
    {
        if (left.Type.Kind == TypeKind.Binary && right.Type.Kind == TypeKind.Binary)
        {
            throw PlanError.NotSupported(node, "|| on varbyte");
        }

        var leftText = left.Type.Kind == TypeKind.String || IsOpen(left);
        var rightText = right.Type.Kind == TypeKind.String || IsOpen(right);
        if (!leftText && !rightText)
        {
            throw PlanError.At(node, ErrorCode.TypeMismatch, $"operator does not exist: {left.Type} || {right.Type}");
        }

        return new BinaryExpr(BinaryOp.Concat, ToText(left, node), ToText(right, node), SqlType.String);
    }

    private Expr ToText(Expr e, SqlNode node) => e.Type.Kind == TypeKind.String || IsOpen(e) ? Coerce(e, SqlType.String, node) : new CastExpr(e, SqlType.String);

    private Expr BindArithmetic(BinaryOp op, Expr left, Expr right, SqlNode node)
    {
        // Untyped operands: next to a number they are numbers, next to a date/timestamp they are intervals (or a date).
        if (IsOpen(left) && !IsOpen(right))
        {
            left = Coerce(left, OpenOperandType(right.Type, op, leftSide: true), node);
        }
        else if (IsOpen(right) && !IsOpen(left))
        {
            right = Coerce(right, OpenOperandType(left.Type, op, leftSide: false), node);
        }
        else if (IsOpen(left) && IsOpen(right))
        {
            left = Coerce(left, SqlType.Float64, node);
            right = Coerce(right, SqlType.Float64, node);
        }

        var lt = left.Type;
        var rt = right.Type;
        SqlType Fail() => throw PlanError.At(node, ErrorCode.TypeMismatch, $"operator does not exist: {lt} {op.Symbol()} {rt}");

        if (lt.IsNumeric && rt.IsNumeric)
        {
            return BindNumericArithmetic(op, left, right, node);
        }

        switch (op)
        {
            case BinaryOp.Add:
                // date + integer, integer + date
                if (lt.Kind == TypeKind.Date && rt.IsInteger)
                {
                    return new BinaryExpr(op, left, Coerce(right, SqlType.Int32, node), SqlType.Date);
                }

                if (lt.IsInteger && rt.Kind == TypeKind.Date)
                {
                    return new BinaryExpr(op, right, Coerce(left, SqlType.Int32, node), SqlType.Date);
                }

                // timestamp + interval (date becomes timestamp), interval + timestamp
                if (lt.IsTemporal && rt.Kind == TypeKind.Interval)
                {
                    return TemporalPlusInterval(op, left, right, node);
                }

                if (lt.Kind == TypeKind.Interval && rt.IsTemporal)
                {
                    return TemporalPlusInterval(op, right, left, node);
                }

                if (lt.Kind == TypeKind.Interval && rt.Kind == TypeKind.Interval)
                {
                    return new BinaryExpr(op, left, right, SqlType.Interval);
                }

                break;

            case BinaryOp.Subtract:
                if (lt.Kind == TypeKind.Date && rt.IsInteger)
                {
                    return new BinaryExpr(op, left, Coerce(right, SqlType.Int32, node), SqlType.Date);
                }

                if (lt.Kind == TypeKind.Date && rt.Kind == TypeKind.Date)
                {
                    return new BinaryExpr(op, left, right, SqlType.Int32);
                }

                if (lt.IsTemporal && rt.Kind == TypeKind.Interval)
                {
                    return TemporalPlusInterval(op, left, right, node);
                }

                if (lt.IsTemporal && rt.IsTemporal)
                {
                    var common = TypeCoercion.CommonType(lt, rt)!;
                    if (common.Kind == TypeKind.Date)
                    {
                        common = SqlType.Timestamp;
                    }

                    return new BinaryExpr(op, Coerce(left, common, node), Coerce(right, common, node), SqlType.Interval);
                }

                if (lt.Kind == TypeKind.Interval && rt.Kind == TypeKind.Interval)
                {
                    return new BinaryExpr(op, left, right, SqlType.Interval);
                }

                break;

            case BinaryOp.Multiply:
                if (lt.Kind == TypeKind.Interval && rt.IsNumeric)
                {
                    return new BinaryExpr(op, left, Coerce(right, SqlType.Float64, node), SqlType.Interval);
                }

                if (lt.IsNumeric && rt.Kind == TypeKind.Interval)
                {
                    return new BinaryExpr(op, right, Coerce(left, SqlType.Float64, node), SqlType.Interval);
                }

                break;

            case BinaryOp.Divide:
                if (lt.Kind == TypeKind.Interval && rt.IsNumeric)
                {
                    return new BinaryExpr(op, left, Coerce(right, SqlType.Float64, node), SqlType.Interval);
                }

                break;
        }

        Fail();
        return null!;
    }

    private static SqlType OpenOperandType(SqlType other, BinaryOp op, bool leftSide) => other.Kind switch
    {
        TypeKind.Date when op == BinaryOp.Subtract && !leftSide => SqlType.Int32,
        TypeKind.Date or TypeKind.Timestamp or TypeKind.TimestampTz => leftSide && op == BinaryOp.Subtract ? other : SqlType.Interval,
        TypeKind.Interval => op is BinaryOp.Multiply or BinaryOp.Divide ? SqlType.Float64 : SqlType.Interval,
        TypeKind.Null => SqlType.Float64,
        _ => other.IsNumeric ? other : SqlType.Float64,
    };

    private Expr TemporalPlusInterval(BinaryOp op, Expr temporal, Expr interval, SqlNode node)
    {
        var type = temporal.Type.Kind == TypeKind.Date ? SqlType.Timestamp : temporal.Type;
        return new BinaryExpr(op, Coerce(temporal, type, node), interval, type);
    }

    private Expr BindNumericArithmetic(BinaryOp op, Expr left, Expr right, SqlNode node)
    {
        var lt = left.Type;
        var rt = right.Type;
        if (lt.IsFloat || rt.IsFloat)
        {
            // As PostgreSQL resolves the operators: real with real is real, anything else with a float is double precision.
            var common = lt.Kind == TypeKind.Float32 && rt.Kind == TypeKind.Float32 ? SqlType.Float32 : SqlType.Float64;
            return new BinaryExpr(op, Coerce(left, common, node), Coerce(right, common, node), common);
        }

        if (lt.IsInteger && rt.IsInteger)
        {
            var common = TypeCoercion.CommonType(lt, rt)!;
            return new BinaryExpr(op, Coerce(left, common, node), Coerce(right, common, node), common);
        }

        // Decimal arithmetic: integers become exact decimals; the kernel aligns scales itself.
        var dl = lt.Kind == TypeKind.Decimal ? lt : IntegerLiteralDecimal(left) ?? lt.ToDecimal();
        var dr = rt.Kind == TypeKind.Decimal ? rt : IntegerLiteralDecimal(right) ?? rt.ToDecimal();
        var result = op == BinaryOp.Divide
            ? DecimalDivisionType(dl, ConstantWeight(left), dr, ConstantWeight(right))
            : DecimalResultType(op, dl, dr);
        return new BinaryExpr(op, Coerce(left, dl, node), Coerce(right, dr, node), result);
    }

    /// <summary>
    /// PostgreSQL's numeric quotient type: the scale select_div_scale chooses (<see cref="NumericDivisionScale"/>), from
    /// the values of constant operands; the integer digits the operands' types allow. Past 38 digits the scale gives
    /// way, to no fewer than 16 digits (NUMERIC_MIN_SIG_DIGITS, or the operands' scale when larger): a ratio of two
    /// sums of numeric(38,4) keeps 16 fraction digits and room for 22 integer digits, and a quotient whose integer part
    /// does not fit is an overflow error when it occurs.
    /// </summary>
    public static SqlType DecimalDivisionType(SqlType a, NumericDivisionScale.Weight? aWeight, SqlType b, NumericDivisionScale.Weight? bWeight)
    {
        var s = NumericDivisionScale.Select(a.Scale, aWeight, b.Scale, bWeight);
        // The quotient's integer digits: the dividend's, plus the divisor's fraction digits (dividing by 0.01 adds two);
        // a constant's own digits where it is one.
        var dividendDigits = aWeight is { } wa ? Math.Max(wa.LeadingExponent + 1, 0) : a.Precision - a.Scale;
        var divisorFraction = bWeight is { } wb ? Math.Max(-wb.LeadingExponent, 0) : b.Scale;
        var integerDigits = Math.Max(dividendDigits + divisorFraction, 1);
        if (integerDigits + s > SqlType.MaxDecimalPrecision)
        {
            s = Math.Max(SqlType.MaxDecimalPrecision - integerDigits, Math.Min(s, Math.Max(NumericDivisionScale.MinSignificantDigits, Math.Max(a.Scale, b.Scale))));
            return SqlType.Decimal(SqlType.MaxDecimalPrecision, Math.Min(s, SqlType.MaxDecimalPrecision));
        }

        return SqlType.Decimal(integerDigits + s, s);
    }

    /// <summary>The base-10000 weight of an operand known when planning (a numeric or integer literal, or one cast to numeric); null otherwise.</summary>
    private static NumericDivisionScale.Weight? ConstantWeight(Expr e)
    {
        var target = e is CastExpr { Target.Kind: TypeKind.Decimal } c ? c.Target : null;
        var operand = e is CastExpr cast ? cast.Input : e;
        if (operand is not Literal { Value: { IsNull: false } v })
        {
            return null;
        }

        Int128 unscaled;
        int scale;
        if (v.Type.Kind == TypeKind.Decimal)
        {
            unscaled = (Int128)v.Value!;
            scale = v.Type.Scale;
        }
        else if (v.Type.IsInteger)
        {
            unscaled = v.AsInt64();
            scale = 0;
        }
        else
        {
            return null;
        }

        if (target is not null)
        {
            if (target.Scale < scale - 38 || target.Scale > scale + 38)
            {
                return null;
            }

            try
            {
                unscaled = DecimalMath.Rescale(unscaled, scale, target.Scale);
            }
            catch (OverflowException)
            {
                return null;
            }

            scale = target.Scale;
        }
        else if (e is CastExpr)
        {
            return null;
        }

        return NumericDivisionScale.Of(unscaled, scale);
    }

    /// <summary>A small integer literal becomes the narrowest decimal holding it (1 is numeric(1,0)), as numeric literals are typed.</summary>
    private static SqlType? IntegerLiteralDecimal(Expr e)
    {
        if (e is not Literal { Value: { IsNull: false } v } || !v.Type.IsInteger)
        {
            return null;
        }

        // Through Int128: the absolute value of long.MinValue does not fit a long.
        var digits = Int128.Abs(v.AsInt64()).ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        return SqlType.Decimal(Math.Max(digits, 1), 0);
    }

    /// <summary>Redshift's result precision and scale for decimal arithmetic, capped at 38 digits.</summary>
    public static SqlType DecimalResultType(BinaryOp op, SqlType a, SqlType b)
    {
        int p, s;
        switch (op)
        {
            case BinaryOp.Add or BinaryOp.Subtract:
                s = Math.Max(a.Scale, b.Scale);
                p = Math.Max(a.Precision - a.Scale, b.Precision - b.Scale) + s + 1;
                break;
            case BinaryOp.Multiply:
                s = a.Scale + b.Scale;
                p = a.Precision + b.Precision + 1;
                break;
            case BinaryOp.Divide:
                s = Math.Max(4, a.Scale + b.Precision - b.Scale + 1);
                p = a.Precision - a.Scale + b.Scale + s;
                break;
            default: // Modulo
                s = Math.Max(a.Scale, b.Scale);
                p = Math.Min(a.Precision - a.Scale, b.Precision - b.Scale) + s;
                break;
        }

        if (p > SqlType.MaxDecimalPrecision)
        {
            // Keep the integer digits; give up fraction digits, but never below 6 (or the scale itself when smaller).
            s = Math.Max(s - (p - SqlType.MaxDecimalPrecision), Math.Min(s, 6));
            p = SqlType.MaxDecimalPrecision;
        }

        return SqlType.Decimal(Math.Max(p, 1), Math.Min(s, Math.Max(p, 1)));
    }
}
