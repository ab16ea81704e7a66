using Apache.Arrow;
using Federation.Common.Types;
using Federation.Functions;
using Federation.Functions.Kernels;

namespace Federation.Physical.Expressions;

/// <summary>input [NOT] IN (constants).</summary>
public sealed class InListPhysicalExpr(PhysicalExpr input, IReadOnlyList<ScalarValue> list, bool negated) : PhysicalExpr
{
    private readonly InListKernel _kernel = new(input.Type, list, negated);

    public override SqlType Type => SqlType.Boolean;

    public override ColumnarValue Evaluate(RecordBatch batch, EvaluationContext context) => _kernel.Evaluate(input.Evaluate(batch, context), batch.Length);

    public override bool CannotFail => input.CannotFail;

    public override string ToString() => $"{input} {(negated ? "NOT IN" : "IN")} ({string.Join(", ", list.Select(v => v.ToSqlLiteral()))})";
}
