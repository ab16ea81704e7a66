using Apache.Arrow;
using Federation.Common.Types;
using Federation.Functions;
using Federation.Functions.Kernels;

namespace Federation.Physical.Expressions;

public sealed class RegexMatchPhysicalExpr(PhysicalExpr input, PhysicalExpr pattern, bool caseInsensitive, bool negated, bool similar) : PhysicalExpr
{
    public override SqlType Type => SqlType.Boolean;

    public override ColumnarValue Evaluate(RecordBatch batch, EvaluationContext context) =>
        RegexMatchKernel.Evaluate(input.Evaluate(batch, context), pattern.Evaluate(batch, context), caseInsensitive, negated, similar, batch.Length);

    public override string ToString() => similar ? $"{input} SIMILAR TO {pattern}" : $"{input} ~ {pattern}";
}
