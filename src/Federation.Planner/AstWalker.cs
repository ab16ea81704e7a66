using System.Collections;
using System.Reflection;
using Federation.Sql.Ast;

namespace Federation.Planner;

/// <summary>Visits every node of an AST subtree (by reflection over the records' properties; used rarely, for WITH analysis).</summary>
internal static class AstWalker
{
    private static readonly Dictionary<Type, PropertyInfo[]> Properties = new();

    public static IEnumerable<SqlNode> Walk(SqlNode root)
    {
        var stack = new Stack<SqlNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            foreach (var property in PropertiesOf(node.GetType()))
            {
                switch (property.GetValue(node))
                {
                    case SqlNode child:
                        stack.Push(child);
                        break;
                    case IEnumerable list and not string:
                        foreach (var item in list)
                        {
                            if (item is SqlNode n)
                            {
                                stack.Push(n);
                            }
                            else if (item is IEnumerable inner and not string)
                            {
                                foreach (var x in inner)
                                {
                                    if (x is SqlNode m)
                                    {
                                        stack.Push(m);
                                    }
                                }
                            }
                        }

                        break;
                }
            }
        }
    }

    private static PropertyInfo[] PropertiesOf(Type type)
    {
        lock (Properties)
        {
            if (!Properties.TryGetValue(type, out var properties))
            {
                properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(p => p.GetIndexParameters().Length == 0 && p.Name != nameof(SqlNode.Position) && p.Name != "EqualityContract")
                    .ToArray();
                Properties[type] = properties;
            }

            return properties;
        }
    }
}
