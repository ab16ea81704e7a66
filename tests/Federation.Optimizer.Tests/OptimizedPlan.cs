using Federation.Engine;
using Federation.Logical.Plans;
using Federation.Sql.Ast;
using Federation.Sql.Parsing;

namespace Federation.Optimizer.Tests;

/// <summary>
/// Session tables with a few rows and the optimized logical plan of a query as indented lines, so a test can
/// assert which node ended up under which.
/// </summary>
internal sealed class OptimizedPlan
{
    private readonly Session _session = new FederationEngine().CreateSession();

    public static async Task<OptimizedPlan> WithTablesAsync()
    {
        var plan = new OptimizedPlan();
        foreach (var sql in new[]
        {
            "CREATE TABLE cust (ck INTEGER, name VARCHAR(10), nation INTEGER)",
            "CREATE TABLE ord (ok INTEGER, ck INTEGER, total INTEGER, status VARCHAR(1))",
            "CREATE TABLE item (ok INTEGER, qty INTEGER, supp INTEGER)",
            "INSERT INTO cust VALUES (1, 'ann', 1), (2, 'bob', 2), (3, 'cy', 3)",
            "INSERT INTO ord VALUES (10, 1, 100, 'F'), (11, 1, 110, 'O'), (12, 2, 120, 'F'), (13, 3, 130, 'F'), (14, NULL, 140, 'O')",
            "INSERT INTO item VALUES (10, 5, 1), (10, 7, 2), (11, 1, 1), (12, 20, 3), (13, 2, 1), (13, 2, 2), (14, 9, 3), (NULL, 50, 1)",
        })
        {
            await plan._session.ExecuteAsync(sql);
        }

        return plan;
    }

    public Task ExecuteAsync(string sql) => _session.ExecuteAsync(sql);

    public string[] Lines(string sql)
    {
        var query = (QueryStatement)SqlParser.ParseStatement(sql);
        return PlanFormatter.Format(_session.PlanQuery(query.Query).Optimized).Split('\n');
    }

    /// <summary>The line index of the first node whose text starts with <paramref name="prefix"/> (after indentation).</summary>
    public static int Find(string[] lines, string prefix)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith(prefix, StringComparison.Ordinal))
            {
                return i;
            }
        }

        Assert.Fail($"no node starting with '{prefix}' in:\n{string.Join('\n', lines)}");
        return -1;
    }

    public static int Depth(string line) => (line.Length - line.TrimStart().Length) / 2;

    /// <summary>True when the node at <paramref name="inner"/> lies in the subtree of the node at <paramref name="outer"/>.</summary>
    public static bool IsUnder(string[] lines, int inner, int outer)
    {
        if (inner <= outer)
        {
            return false;
        }

        var outerDepth = Depth(lines[outer]);
        for (var i = outer + 1; i <= inner; i++)
        {
            if (Depth(lines[i]) <= outerDepth)
            {
                return false;
            }
        }

        return true;
    }
}
