using Apache.Arrow;
using Federation.Common.Types;
using Federation.Functions;

namespace Federation.Physical.Expressions;

/// <summary>Column <see cref="Index"/> of the input batch.</summary>
public sealed class ColumnExpr(int index, string name, SqlType type) : PhysicalExpr
{
    public int Index { get; } = index;

    public string Name { get; } = name;

    public override SqlType Type { get; } = type;

    public override ColumnarValue Evaluate(RecordBatch batch, EvaluationContext context) => ColumnarValue.FromArray(batch.Column(Index));

    public override bool CannotFail => true;

    public override string ToString() => $"{Name}@{Index}";
}
