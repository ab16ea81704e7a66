using Federation.Common.Types;
using Federation.Functions;
using Federation.Logical;

namespace Federation.Optimizer;

/// <summary>What rules may use: the statement's column ids, the functions, and the statement clock (for folding CURRENT_DATE).</summary>
public sealed class OptimizerContext
{
    public OptimizerContext(ColumnIdGenerator ids, FunctionRegistry functions, long statementTimestampMicros, IReadOnlySet<string>? disabledRules = null,
        SessionTimeZone? timeZone = null)
    {
        TimeZone = timeZone ?? SessionTimeZone.Utc;
        Ids = ids;
        Functions = functions;
        StatementTimestampMicros = statementTimestampMicros;
        DisabledRules = disabledRules ?? new HashSet<string>();
    }

    public ColumnIdGenerator Ids { get; }

    public FunctionRegistry Functions { get; }

    public long StatementTimestampMicros { get; }

    public IReadOnlySet<string> DisabledRules { get; }

    /// <summary>The session time zone, which folding a timestamptz cast or function reads.</summary>
    public SessionTimeZone TimeZone { get; }

    /// <summary>Shared WITH queries already optimized in this statement.</summary>
    public HashSet<Logical.Plans.CommonTable> OptimizedTables { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Per rule: how long it ran and how often it changed the plan (EXPLAIN VERBOSE).</summary>
    public Dictionary<string, (TimeSpan Elapsed, int Changes)> RuleStatistics { get; } = new(StringComparer.Ordinal);
}
