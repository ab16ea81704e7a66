using System.Collections;
using Federation.Sql.Ast;
using Federation.Sql.Parsing;

namespace Federation.Testing;

/// <summary>
/// The 22 TPC-H queries of samples/tpch/queries (the text the TPC-H tests and the benchmark run), with each reference
/// to a TPC-H table qualified by the external schema it is in here: external tables are always named with their
/// schema. The references are found by the engine's own parser, so a column or alias that shares a table's name (Q8
/// and Q9 call a column "nation") is left alone, and nothing else of the text changes.
/// </summary>
public static class TpchQueryText
{
    private static readonly HashSet<string> TableNames = new(StringComparer.Ordinal) { "region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem" };

    /// <summary>Query <paramref name="number"/> (1 to 22), its tables in <paramref name="schema"/>, without the closing semicolon.</summary>
    public static string Query(int number, string schema)
    {
        var sql = File.ReadAllText(Path.Combine(RepositoryPaths.TpchQueries, $"q{number:00}.sql")).Trim().TrimEnd(';');
        var references = new List<SourcePosition>();
        Collect(SqlParser.ParseStatement(sql), references);
        if (references.Count == 0)
        {
            throw new InvalidOperationException($"Q{number} names no TPC-H table");
        }

        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < sql.Length; i++)
        {
            if (sql[i] == '\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        // From the last reference back, so the offsets of those before it stay right.
        foreach (var offset in references.Select(p => lineStarts[p.Line - 1] + p.Column - 1).Distinct().OrderDescending())
        {
            sql = sql.Insert(offset, schema + ".");
        }

        return sql;
    }

    /// <summary>The positions of the unqualified references to TPC-H tables anywhere in <paramref name="node"/>'s tree.</summary>
    private static void Collect(object? node, List<SourcePosition> references)
    {
        switch (node)
        {
            case NamedTableReference { Name.Parts: [{ Quoted: false } name] } table when TableNames.Contains(name.Value):
                references.Add(table.Position);
                Collect(table.Alias, references);
                break;
            case SqlNode sqlNode:
                foreach (var property in sqlNode.GetType().GetProperties())
                {
                    if (property.GetIndexParameters().Length == 0 && property.Name != "EqualityContract")
                    {
                        Collect(property.GetValue(sqlNode), references);
                    }
                }

                break;
            case IEnumerable items and not string:
                foreach (var item in items)
                {
                    Collect(item, references);
                }

                break;
        }
    }
}
