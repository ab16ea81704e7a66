using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Physical;
using Federation.Physical.Expressions;

namespace Federation.Engine.External;

/// <summary>
/// Decides which partitions a query can need, before anything is listed: the pushed filters that refer to partition
/// columns only (=, &lt;&gt;, ranges, IN, BETWEEN, IS NULL, AND/OR, casts and functions over constants: anything the
/// engine can evaluate) are evaluated by the engine's own expression kernels over a batch with one row per partition,
/// so partition pruning and row filtering can never disagree. A partition survives when every such filter is true for
/// it; NULL or false rules it out, as WHERE does.
/// </summary>
internal static class PartitionPruner
{
    /// <summary>For each partition (its values, one per partition column), whether the filters leave it in.</summary>
    public static bool[] Select(IReadOnlyList<IReadOnlyList<ScalarValue>> partitions, IReadOnlyList<TableColumn> tableColumns, int dataColumns,
        int partitionColumnCount, IReadOnlyList<ScanColumn> scanColumns, IReadOnlyList<Expr> filters, EvaluationContext context)
    {
        var keep = new bool[partitions.Count];
        System.Array.Fill(keep, true);

        // Column ids of the scan's partition columns, mapped to their position among the partition columns.
        var partitionColumns = new Dictionary<int, int>();
        foreach (var column in scanColumns)
        {
            if (column.SourceIndex >= dataColumns && column.SourceIndex < dataColumns + partitionColumnCount)
            {
                partitionColumns[column.Column.Id] = column.SourceIndex - dataColumns;
            }
        }

        var applicable = filters.Where(f => ExprVisitor.ColumnIds(f).All(partitionColumns.ContainsKey)).ToArray();
        if (partitions.Count == 0 || applicable.Length == 0)
        {
            return keep;
        }

        var batch = Batch(partitions, tableColumns, dataColumns, partitionColumnCount);
        foreach (var filter in applicable)
        {
            var compiled = ExprCompiler.Compile(filter, partitionColumns);
            if (compiled.EvaluateToArray(batch, context) is not BooleanArray result)
            {
                throw FederationException.Internal($"partition filter {filter} did not evaluate to booleans");
            }

            for (var i = 0; i < keep.Length; i++)
            {
                keep[i] &= result.GetValue(i) == true;
            }
        }

        return keep;
    }

    /// <summary>One column per partition column of the table, one row per partition.</summary>
    private static RecordBatch Batch(IReadOnlyList<IReadOnlyList<ScalarValue>> partitions, IReadOnlyList<TableColumn> tableColumns, int dataColumns,
        int partitionColumnCount)
    {
        var fields = new List<PhysicalField>();
        var arrays = new List<IArrowArray>();
        for (var k = 0; k < partitionColumnCount; k++)
        {
            var column = tableColumns[dataColumns + k];
            fields.Add(new PhysicalField(column.Name, column.Type, true));
            arrays.Add(ArrowArrayConcatenator.Concatenate(partitions.Select(p => ArrayFactory.FromScalar(p[k], 1)).ToList()));
        }

        return new RecordBatch(PhysicalOperator.BuildSchema(fields), arrays, partitions.Count);
    }
}
