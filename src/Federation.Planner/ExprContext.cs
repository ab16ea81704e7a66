using Federation.Logical.Expressions;

namespace Federation.Planner;

/// <summary>Where an expression is being bound: its scope, the clause (for messages), and whether aggregates and window functions may appear.</summary>
internal sealed class ExprContext
{
    public ExprContext(Scope scope, string clause, List<AggregateExpr>? aggregates = null, List<WindowExpr>? windows = null)
    {
        Scope = scope;
        Clause = clause;
        Aggregates = aggregates;
        Windows = windows;
    }

    public Scope Scope { get; }

    public string Clause { get; }

    /// <summary>Collects aggregate calls; null where aggregates are not allowed.</summary>
    public List<AggregateExpr>? Aggregates { get; }

    /// <summary>Collects window calls; null where window functions are not allowed.</summary>
    public List<WindowExpr>? Windows { get; }

    /// <summary>The context for an aggregate's own arguments: no nested aggregates or windows.</summary>
    public ExprContext ForAggregateArguments() => new(Scope, Clause);

    public ExprContext WithoutWindows() => new(Scope, Clause, Aggregates);
}
