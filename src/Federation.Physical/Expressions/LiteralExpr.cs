using Apache.Arrow;
using Federation.Common.Types;
using Federation.Functions;

namespace Federation.Physical.Expressions;

public sealed class LiteralExpr(ScalarValue value) : PhysicalExpr
{
    public ScalarValue Value { get; } = value;

    public override SqlType Type => Value.Type;

    public override ColumnarValue Evaluate(RecordBatch batch, EvaluationContext context) => ColumnarValue.FromScalar(Value);

    public override bool CannotFail => true;

    public override string ToString() => Value.ToSqlLiteral();
}
