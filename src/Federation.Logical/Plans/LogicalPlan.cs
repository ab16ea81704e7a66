namespace Federation.Logical.Plans;

/// <summary>
/// A node of the logical plan: a closed set of immutable records. Rules rebuild nodes with
/// <see cref="WithInputs"/> and <see cref="WithExpressions"/>; nothing mutates a plan in place.
/// </summary>
public abstract record LogicalPlan
{
    /// <summary>The columns this node produces, in order.</summary>
    public abstract IReadOnlyList<PlanColumn> Output { get; }

    public abstract IReadOnlyList<LogicalPlan> Inputs { get; }

    public abstract LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs);

    /// <summary>The node's own expressions (not its inputs').</summary>
    public abstract IReadOnlyList<Expressions.Expr> Expressions { get; }

    /// <summary>Replaces the node's own expressions, in the order <see cref="Expressions"/> lists them.</summary>
    public abstract LogicalPlan WithExpressions(IReadOnlyList<Expressions.Expr> expressions);

    /// <summary>One line for EXPLAIN: the node name and its arguments.</summary>
    public abstract string Describe();

    public override string ToString() => PlanFormatter.Format(this);
}
