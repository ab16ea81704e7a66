using System.Collections;
using Federation.Sql.Ast;

namespace Federation.Sql.Tests;

/// <summary>Walks every node of a tree by reflection, so checks like "every node has a position" cover all node types.</summary>
internal static class AstNodes
{
    public static IEnumerable<SqlNode> DescendantsAndSelf(SqlNode root)
    {
        var pending = new Stack<SqlNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            SqlNode node = pending.Pop();
            yield return node;
            foreach (var property in node.GetType().GetProperties())
            {
                if (property.GetIndexParameters().Length == 0)
                {
                    Collect(property.GetValue(node), pending);
                }
            }
        }
    }

    private static void Collect(object? value, Stack<SqlNode> pending)
    {
        switch (value)
        {
            case SqlNode node:
                pending.Push(node);
                break;
            case IEnumerable items and not string:
                foreach (object? item in items)
                {
                    Collect(item, pending);
                }

                break;
        }
    }
}
