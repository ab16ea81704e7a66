namespace Federation.Common.Types;

/// <summary>Which explicit casts exist (PostgreSQL's pg_cast, reduced to Federation's types).</summary>
public static class CastRules
{
    public static bool CanCast(SqlType from, SqlType to)
    {
        if (from.Kind == TypeKind.Null || from.Kind == to.Kind)
        {
            return true;
        }

        if (from.Kind == TypeKind.String || to.Kind == TypeKind.String)
        {
            return true;
        }

        if (from.IsNumeric && to.IsNumeric)
        {
            return true;
        }

        if ((from.Kind == TypeKind.Boolean && to.IsInteger) || (from.IsInteger && to.Kind == TypeKind.Boolean))
        {
            return true;
        }

        return from.IsTemporal && to.IsTemporal;
    }
}
