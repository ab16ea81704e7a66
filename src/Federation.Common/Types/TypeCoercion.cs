namespace Federation.Common.Types;

/// <summary>
/// PostgreSQL's implicit conversion rules, reduced to the types Federation has:
/// smallint → integer → bigint → numeric → real → double precision; date → timestamp → timestamptz;
/// an untyped literal (a quoted string or NULL) converts to whatever the context needs.
/// </summary>
public static class TypeCoercion
{
    private static int NumericRank(TypeKind kind) => kind switch
    {
        TypeKind.Int16 => 1,
        TypeKind.Int32 => 2,
        TypeKind.Int64 => 3,
        TypeKind.Decimal => 4,
        TypeKind.Float32 => 5,
        TypeKind.Float64 => 6,
        _ => 0,
    };

    private static int TemporalRank(TypeKind kind) => kind switch
    {
        TypeKind.Date => 1,
        TypeKind.Timestamp => 2,
        TypeKind.TimestampTz => 3,
        _ => 0,
    };

    /// <summary>True when a value of <paramref name="from"/> converts implicitly (without CAST) to <paramref name="to"/>.</summary>
    public static bool CanImplicitlyCast(SqlType from, SqlType to)
    {
        if (from.Kind == TypeKind.Null || from.SameComputation(to) || from.Kind == to.Kind && from.Kind != TypeKind.Decimal)
        {
            return true;
        }

        if (from.IsNumeric && to.IsNumeric)
        {
            if (from.Kind == TypeKind.Decimal && to.Kind == TypeKind.Decimal)
            {
                // Widening keeps every value: enough integer digits and scale.
                return to.Scale >= from.Scale && to.Precision - to.Scale >= from.Precision - from.Scale;
            }

            if (from.IsInteger && to.Kind == TypeKind.Decimal)
            {
                var asDecimal = from.ToDecimal();
                return to.Precision - to.Scale >= asDecimal.Precision;
            }

            return NumericRank(from.Kind) < NumericRank(to.Kind);
        }

        if (from.IsTemporal && to.IsTemporal)
        {
            return TemporalRank(from.Kind) < TemporalRank(to.Kind);
        }

        return false;
    }

    /// <summary>
    /// The type two values are compared, unioned or coalesced in, or null when there is none
    /// (PostgreSQL: "operator does not exist", "types cannot be matched").
    /// </summary>
    public static SqlType? CommonType(SqlType a, SqlType b)
    {
        if (a.Kind == TypeKind.Null)
        {
            return b;
        }

        if (b.Kind == TypeKind.Null)
        {
            return a;
        }

        if (a.SameComputation(b))
        {
            if (a.Kind == TypeKind.String && (a.Length != b.Length || a.IsChar != b.IsChar))
            {
                return a.Length < 0 || b.Length < 0 ? SqlType.String : SqlType.Varchar(Math.Max(a.Length, b.Length));
            }

            return a;
        }

        if (a.IsNumeric && b.IsNumeric)
        {
            if (a.IsFloat || b.IsFloat)
            {
                return a.Kind == TypeKind.Float64 || b.Kind == TypeKind.Float64 || a.Kind == TypeKind.Decimal || b.Kind == TypeKind.Decimal
                    || a.Kind == TypeKind.Int64 || b.Kind == TypeKind.Int64
                    ? SqlType.Float64
                    : SqlType.Float32;
            }

            if (a.Kind == TypeKind.Decimal || b.Kind == TypeKind.Decimal)
            {
                var da = a.Kind == TypeKind.Decimal ? a : a.ToDecimal();
                var db = b.Kind == TypeKind.Decimal ? b : b.ToDecimal();
                var scale = Math.Max(da.Scale, db.Scale);
                var integerDigits = Math.Max(da.Precision - da.Scale, db.Precision - db.Scale);
                var precision = Math.Min(integerDigits + scale, SqlType.MaxDecimalPrecision);
                return SqlType.Decimal(precision, Math.Min(scale, precision));
            }

            return NumericRank(a.Kind) >= NumericRank(b.Kind) ? a : b;
        }

        if (a.IsTemporal && b.IsTemporal)
        {
            return TemporalRank(a.Kind) >= TemporalRank(b.Kind) ? a : b;
        }

        if (a.Kind == b.Kind)
        {
            return a;
        }

        return null;
    }
}
