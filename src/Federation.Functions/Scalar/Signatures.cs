using Federation.Common.Types;

namespace Federation.Functions.Scalar;

/// <summary>Argument-type tests used by the Bind methods.</summary>
internal static class Signatures
{
    /// <summary>Text, or an untyped NULL that can become text.</summary>
    public static bool IsText(SqlType type) => type.Kind is TypeKind.String or TypeKind.Null;

    /// <summary>An integer type, or an untyped NULL that can become one.</summary>
    public static bool IsInteger(SqlType type) => type.IsInteger || type.Kind == TypeKind.Null;

    public static bool IsNumeric(SqlType type) => type.IsNumeric || type.Kind == TypeKind.Null;

    /// <summary>Date, timestamp or timestamptz (a text literal is read as a timestamp).</summary>
    public static bool IsTemporal(SqlType type) => type.IsTemporal || type.Kind is TypeKind.String or TypeKind.Null;

    /// <summary>The parameter type a temporal argument is read as: dates stay dates, text and NULL become timestamps.</summary>
    public static SqlType TemporalParameter(SqlType type) => type.IsTemporal ? type : SqlType.Timestamp;

    public static bool AllText(IReadOnlyList<SqlType> types)
    {
        foreach (var type in types)
        {
            if (!IsText(type))
            {
                return false;
            }
        }

        return true;
    }

    public static SqlType[] Repeat(SqlType type, int count)
    {
        var result = new SqlType[count];
        Array.Fill(result, type);
        return result;
    }

    /// <summary>The common type of all arguments (PostgreSQL's CASE/COALESCE resolution); text when all are untyped NULLs.</summary>
    public static SqlType? CommonType(IReadOnlyList<SqlType> types, int start = 0, int step = 1)
    {
        SqlType? common = SqlType.Null;
        for (var i = start; i < types.Count; i += step)
        {
            common = TypeCoercion.CommonType(common, types[i]);
            if (common is null)
            {
                return null;
            }
        }

        return common.Kind == TypeKind.Null ? SqlType.String : common;
    }
}
