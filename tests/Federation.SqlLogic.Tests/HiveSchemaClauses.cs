using System.Text.RegularExpressions;

namespace Federation.SqlLogic.Tests;

/// <summary>
/// Turns the external corpus's FROM DATA CATALOG schemas into FROM HIVE METASTORE schemas over one test metastore,
/// line for line: DATABASE and IAM_ROLE stay; REGION, CATALOG_ID, CATALOG_ROLE and CREATE EXTERNAL DATABASE IF NOT
/// EXISTS (which Redshift refuses for a Hive metastore) go, and the databases that clause would have made are
/// reported, so the harness creates them in the metastore first (as a Hive user's databases already exist).
/// </summary>
public static partial class HiveSchemaClauses
{
    /// <summary>The text with every FROM DATA CATALOG clause list replaced, and the databases to create beforehand.</summary>
    public static (string Text, IReadOnlyList<string> Databases) Rewrite(string text, int port)
    {
        var databases = new List<string>();
        var rewritten = SchemaClauses().Replace(text, match =>
        {
            var clauses = match.Groups["clauses"].Value;
            var database = Database().Match(clauses);
            if (!database.Success)
            {
                return match.Value;
            }

            if (CreateDatabase().IsMatch(clauses))
            {
                databases.Add(database.Groups[1].Value);
            }

            var role = IamRole().Match(clauses);
            var lines = new string('\n', clauses.Count(c => c == '\n'));
            return $"FROM HIVE METASTORE DATABASE '{database.Groups[1].Value}' URI '127.0.0.1' PORT {port}"
                + (role.Success ? " " + role.Value : "") + lines;
        });
        return (rewritten, databases);
    }

    /// <summary>FROM DATA CATALOG and its clauses, to the end of the statement (a blank line, a ---- line or the end).</summary>
    [GeneratedRegex(@"FROM DATA CATALOG(?<clauses>(?:(?!\n[ \t]*\n|\n----)[\s\S])*)", RegexOptions.IgnoreCase)]
    private static partial Regex SchemaClauses();

    [GeneratedRegex(@"DATABASE\s+'([^']*)'", RegexOptions.IgnoreCase)]
    private static partial Regex Database();

    [GeneratedRegex(@"CREATE\s+EXTERNAL\s+DATABASE\s+IF\s+NOT\s+EXISTS", RegexOptions.IgnoreCase)]
    private static partial Regex CreateDatabase();

    [GeneratedRegex(@"IAM_ROLE\s+(default|'[^']*')", RegexOptions.IgnoreCase)]
    private static partial Regex IamRole();
}
