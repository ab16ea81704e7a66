using Federation.Common.Types;

namespace Federation.Functions.Scalar.Binary;

internal static class BinarySignatures
{
    public static bool IsBinary(SqlType type) => type.Kind is TypeKind.Binary or TypeKind.Null;

    /// <summary>Binary, or text that a binary parameter takes as its bytes (a string literal, as PostgreSQL's unknown literal).</summary>
    public static bool IsBinaryOrText(SqlType type) => type.Kind is TypeKind.Binary or TypeKind.String or TypeKind.Null;
}
