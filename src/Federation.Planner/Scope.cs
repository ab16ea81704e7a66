using Federation.Logical;

namespace Federation.Planner;

/// <summary>
/// A name visible in a query block. Qualifier is the table alias (or table name); SchemaName is set for an
/// unaliased table so that schema.table.column resolves. Hidden columns (the duplicated side of a USING
/// join) are only reachable with a qualifier and do not appear in *. Pseudocolumns (a table's hidden columns, such as
/// "$path") are reachable by name, qualified or not, but appear in no * expansion.
/// </summary>
internal sealed record ScopeColumn(string? Qualifier, string? SchemaName, string Name, PlanColumn Column, bool Hidden = false, bool Pseudo = false);

/// <summary>The names visible while binding one query block, and the enclosing blocks for correlation.</summary>
internal sealed class Scope
{
    public Scope(IReadOnlyList<ScopeColumn> columns, Scope? outer)
    {
        Columns = columns;
        Outer = outer;
    }

    public IReadOnlyList<ScopeColumn> Columns { get; }

    public Scope? Outer { get; }

    public static Scope Empty(Scope? outer) => new([], outer);

    public Scope WithOuter(Scope? outer) => new(Columns, outer);

    public IEnumerable<string> Qualifiers => Columns.Select(c => c.Qualifier).Where(q => q is not null).Distinct()!;

    /// <summary>Matches on this block only. Exact-case matches win; otherwise a unique case-insensitive match is taken.</summary>
    public List<ScopeColumn> Find(string? schema, string? qualifier, string name)
    {
        var exact = Match(schema, qualifier, name, StringComparison.Ordinal);
        return exact.Count > 0 ? exact : Match(schema, qualifier, name, StringComparison.OrdinalIgnoreCase);
    }

    private List<ScopeColumn> Match(string? schema, string? qualifier, string name, StringComparison comparison)
    {
        var result = new List<ScopeColumn>();
        foreach (var c in Columns)
        {
            if (!string.Equals(c.Name, name, comparison))
            {
                continue;
            }

            if (qualifier is null)
            {
                if (!c.Hidden)
                {
                    result.Add(c);
                }

                continue;
            }

            if (string.Equals(c.Qualifier, qualifier, comparison) && (schema is null || string.Equals(c.SchemaName, schema, comparison)))
            {
                result.Add(c);
            }
        }

        return result;
    }

    public bool HasQualifier(string qualifier) =>
        Columns.Any(c => string.Equals(c.Qualifier, qualifier, StringComparison.OrdinalIgnoreCase));
}
