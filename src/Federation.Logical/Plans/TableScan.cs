using Federation.Logical.Expressions;
using Federation.Logical.Tables;

namespace Federation.Logical.Plans;

/// <summary>A column read by a scan: the source's column index and the plan column it becomes.</summary>
public sealed record ScanColumn(int SourceIndex, PlanColumn Column);

/// <summary>
/// Reads a table. Columns is the projection (pruned by the optimizer); Filters are predicates pushed into
/// the source (conjuncts over these columns; the source said how exactly it applies each); Fetch is a limit
/// the source may stop at when there is no remaining filter above it.
/// </summary>
public sealed record TableScan(ITableSource Source, string TableName, IReadOnlyList<ScanColumn> Columns, IReadOnlyList<Expr> Filters, long? Fetch) : LogicalPlan
{
    public override IReadOnlyList<PlanColumn> Output => Columns.Select(c => c.Column).ToArray();

    public override IReadOnlyList<LogicalPlan> Inputs => [];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this;

    public override IReadOnlyList<Expr> Expressions => Filters;

    public override LogicalPlan WithExpressions(IReadOnlyList<Expr> expressions) => this with { Filters = expressions };

    public override string Describe()
    {
        var text = $"TableScan: {TableName} projection=[{string.Join(", ", Columns.Select(c => c.Column.Name))}]";
        if (Filters.Count > 0)
        {
            text += $" filters=[{string.Join(", ", Filters)}]";
        }

        if (Fetch is not null)
        {
            text += $" fetch={Fetch}";
        }

        return text;
    }
}
