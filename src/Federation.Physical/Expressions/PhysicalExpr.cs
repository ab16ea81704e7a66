using Apache.Arrow;
using Federation.Common.Types;
using Federation.Functions;

namespace Federation.Physical.Expressions;

/// <summary>
/// A compiled expression: evaluated once per batch, returning an array (or a scalar standing for every row).
/// Implementations dispatch on type once per batch and run typed kernels over the whole batch.
/// </summary>
public abstract class PhysicalExpr
{
    public abstract SqlType Type { get; }

    public abstract ColumnarValue Evaluate(RecordBatch batch, EvaluationContext context);

    /// <summary>
    /// True when evaluating it cannot raise an error whatever the rows hold (columns, constants, comparisons, AND/OR/NOT,
    /// IS NULL, IN lists, widening casts): it may then run on rows an earlier conjunct already rejected, which a filter
    /// uses to skip gathering the survivors between conjuncts. False (the default) for anything that might divide by
    /// zero, overflow or fail to parse.
    /// </summary>
    public virtual bool CannotFail => false;

    /// <summary>Evaluates and expands to an array of the batch's length.</summary>
    public IArrowArray EvaluateToArray(RecordBatch batch, EvaluationContext context) => Evaluate(batch, context).ToArray(batch.Length);

    public abstract override string ToString();
}
