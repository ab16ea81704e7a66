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

    /// <summary>Evaluates and expands to an array of the batch's length.</summary>
    public IArrowArray EvaluateToArray(RecordBatch batch, EvaluationContext context) => Evaluate(batch, context).ToArray(batch.Length);

    public abstract override string ToString();
}
