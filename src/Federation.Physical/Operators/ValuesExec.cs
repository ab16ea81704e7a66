using System.Runtime.CompilerServices;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Execution;
using Federation.Physical.Expressions;

namespace Federation.Physical.Operators;

/// <summary>VALUES rows (and the one empty row under SELECT without FROM): expressions evaluated once per execution.</summary>
public sealed class ValuesExec : PhysicalOperator
{
    private readonly IReadOnlyList<IReadOnlyList<PhysicalExpr>> _rows;

    public ValuesExec(IReadOnlyList<PhysicalField> fields, IReadOnlyList<IReadOnlyList<PhysicalExpr>> rows)
        : base(fields)
    {
        _rows = rows;
    }

    public override string Name => "ValuesExec";

    public override string Details => $"{_rows.Count} row{(_rows.Count == 1 ? string.Empty : "s")}";

    public override int OutputPartitionCount => 1;

    public override IReadOnlyList<PhysicalOperator> Children => [];

    public override PhysicalOperator WithChildren(IReadOnlyList<PhysicalOperator> children) => this;

    protected override async IAsyncEnumerable<RecordBatch> ExecuteCore(int partition, TaskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        var evaluation = EvaluationContext.From(context);
        var one = new RecordBatch(new Schema.Builder().Build(), [], 1);
        var batchSize = context.BatchSize;
        for (var start = 0; start < _rows.Count; start += batchSize)
        {
            var count = Math.Min(batchSize, _rows.Count - start);
            var columns = new IArrowArray[Fields.Count];
            for (var c = 0; c < columns.Length; c++)
            {
                var parts = new List<IArrowArray>(count);
                for (var r = start; r < start + count; r++)
                {
                    parts.Add(_rows[r][c].EvaluateToArray(one, evaluation));
                }

                columns[c] = parts.Count == 1 ? parts[0] : ArrayConcat.Concat(parts);
            }

            yield return new RecordBatch(Schema, columns, count);
        }
    }
}
