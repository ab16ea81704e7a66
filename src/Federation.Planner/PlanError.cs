using Federation.Common;
using Federation.Sql.Ast;

namespace Federation.Planner;

/// <summary>Builds binder errors that point at the offending node: `column "x" does not exist (line 1, column 8)`.</summary>
internal static class PlanError
{
    public static FederationException At(SqlNode? node, ErrorCode code, string message) =>
        new(code, node is null || node.Position == SourcePosition.None ? message : $"{message} ({node.Position})");

    public static FederationException NotSupported(SqlNode? node, string what) =>
        At(node, ErrorCode.NotSupported, what + " is not supported");
}
