using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Logical.Expressions;
using Federation.Physical.Expressions;

namespace Federation.Optimizer;

/// <summary>
/// Evaluates constant expressions with the execution kernels themselves (one row, no columns), so folding and
/// execution can never disagree about a result.
/// </summary>
public static class ConstantEvaluator
{
    private static readonly RecordBatch OneRow = new(new Schema.Builder().Build(), [], 1);

    /// <summary>The value, or null when the expression cannot be evaluated now (it would fail: leave that to execution).</summary>
    public static ScalarValue? TryEvaluate(Expr expr, long statementTimestampMicros, SessionTimeZone timeZone)
    {
        try
        {
            var compiled = ExprCompiler.Compile(expr, new Dictionary<int, int>());
            var result = compiled.Evaluate(OneRow, new EvaluationContext(statementTimestampMicros, [], timeZone));
            var value = result.IsScalar ? result.Scalar! : ArrayFactory.GetScalar(result.Array!, 0, expr.Type);
            return value.Type.SameComputation(expr.Type) ? value : new ScalarValue(expr.Type, value.Value);
        }
        catch (FederationException)
        {
            return null;
        }
    }
}
