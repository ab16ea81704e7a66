using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Physical;
using Federation.Physical.Expressions;
using Federation.Physical.Hashing;

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
        int partitionColumnCount, IReadOnlyList<ScanColumn> scanColumns, IReadOnlyList<Expr> filters, EvaluationContext context, int onlyKey = -1)
    {
        var keep = new bool[partitions.Count];
        System.Array.Fill(keep, true);

        // Column ids of the scan's partition columns, mapped to their position among the partition columns.
        var partitionColumns = PartitionColumnsOf(scanColumns, dataColumns, partitionColumnCount, onlyKey);

        var applicable = filters.Where(f => ExprVisitor.ColumnIds(f).All(partitionColumns.ContainsKey)).ToArray();
        if (partitions.Count == 0 || applicable.Length == 0)
        {
            return keep;
        }

        return Evaluate(keep, Batch(partitions, tableColumns, dataColumns, partitionColumnCount), partitionColumns, applicable, context);
    }

    /// <summary>As <see cref="Select(IReadOnlyList{IReadOnlyList{ScalarValue}}, IReadOnlyList{TableColumn}, int, int, IReadOnlyList{ScanColumn}, IReadOnlyList{Expr}, EvaluationContext, int)"/>, over the partitions' values made into a batch already (<see cref="Batch"/>), as the metadata cache keeps them.</summary>
    public static bool[] Select(RecordBatch partitions, IReadOnlyList<TableColumn> tableColumns, int dataColumns, int partitionColumnCount,
        IReadOnlyList<ScanColumn> scanColumns, IReadOnlyList<Expr> filters, EvaluationContext context)
    {
        var keep = new bool[partitions.Length];
        System.Array.Fill(keep, true);
        var partitionColumns = PartitionColumnsOf(scanColumns, dataColumns, partitionColumnCount, -1);
        var applicable = filters.Where(f => ExprVisitor.ColumnIds(f).All(partitionColumns.ContainsKey)).ToArray();
        return partitions.Length == 0 || applicable.Length == 0 ? keep : Evaluate(keep, partitions, partitionColumns, applicable, context);
    }

    private static Dictionary<int, int> PartitionColumnsOf(IReadOnlyList<ScanColumn> scanColumns, int dataColumns, int partitionColumnCount, int onlyKey)
    {
        var partitionColumns = new Dictionary<int, int>();
        foreach (var column in scanColumns)
        {
            if (column.SourceIndex >= dataColumns && column.SourceIndex < dataColumns + partitionColumnCount
                && (onlyKey < 0 || column.SourceIndex - dataColumns == onlyKey))
            {
                partitionColumns[column.Column.Id] = column.SourceIndex - dataColumns;
            }
        }

        return partitionColumns;
    }

    private static bool[] Evaluate(bool[] keep, RecordBatch batch, Dictionary<int, int> partitionColumns, Expr[] applicable, EvaluationContext context)
    {
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

    /// <summary>
    /// For each value of one partition key (given as its text), whether the filters on that key alone leave it in: a
    /// projected table's candidates per key, before they are combined (the combinations are checked by
    /// <see cref="Select"/> again).
    /// </summary>
    public static bool[] SelectKey(int key, IReadOnlyList<string> values, IReadOnlyList<TableColumn> tableColumns, int dataColumns, int partitionColumnCount,
        IReadOnlyList<ScanColumn> scanColumns, IReadOnlyList<Expr> filters, EvaluationContext context, string table)
    {
        var column = tableColumns[dataColumns + key];
        var rows = new IReadOnlyList<ScalarValue>[values.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = new ScalarValue[partitionColumnCount];
            for (var k = 0; k < row.Length; k++)
            {
                row[k] = k == key ? PartitionValues.Parse(values[i], column, table) : ScalarValue.NullOf(tableColumns[dataColumns + k].Type);
            }

            rows[i] = row;
        }

        return Select(rows, tableColumns, dataColumns, partitionColumnCount, scanColumns, filters, context, key);
    }

    /// <summary>
    /// Rules out the partitions whose values cannot match a hash join above: for each dynamic filter whose key columns
    /// are all partition columns and whose join has published its keys, a partition stays only if its values are
    /// among them. Returns how many partitions this ruled out.
    /// </summary>
    public static int SelectByJoinKeys(bool[] keep, IReadOnlyList<IReadOnlyList<ScalarValue>> partitions, IReadOnlyList<TableColumn> tableColumns,
        int dataColumns, int partitionColumnCount, IReadOnlyList<ScanColumn> scanColumns,
        IReadOnlyList<(JoinHashTable Table, IReadOnlyList<int> Columns)> joinKeys)
    {
        if (partitions.Count == 0 || joinKeys.Count == 0)
        {
            return 0;
        }

        RecordBatch? batch = null;
        var ruledOut = 0;
        foreach (var (table, columns) in joinKeys)
        {
            var keys = new IArrowArray[columns.Count];
            for (var k = 0; k < keys.Length; k++)
            {
                var source = scanColumns[columns[k]].SourceIndex;
                if (source < dataColumns || source >= dataColumns + partitionColumnCount)
                {
                    keys = null;
                    break;
                }

                batch ??= Batch(partitions, tableColumns, dataColumns, partitionColumnCount);
                keys[k] = batch.Column(source - dataColumns);
            }

            if (keys is null)
            {
                continue;
            }

            var found = new bool[partitions.Count];
            table.ProbeExists(keys, partitions.Count, found);
            for (var i = 0; i < keep.Length; i++)
            {
                if (keep[i] && !found[i])
                {
                    keep[i] = false;
                    ruledOut++;
                }
            }
        }

        return ruledOut;
    }

    /// <summary>One column per partition column of the table, one row per partition.</summary>
    public static RecordBatch Batch(IReadOnlyList<IReadOnlyList<ScalarValue>> partitions, IReadOnlyList<TableColumn> tableColumns, int dataColumns,
        int partitionColumnCount)
    {
        var fields = new List<PhysicalField>();
        var arrays = new List<IArrowArray>();
        for (var k = 0; k < partitionColumnCount; k++)
        {
            var column = tableColumns[dataColumns + k];
            fields.Add(new PhysicalField(column.Name, column.Type, true));
            arrays.Add(ArrayConcat.Concat(partitions.Select(p => ArrayFactory.FromScalar(p[k], 1)).ToList()));
        }

        return new RecordBatch(PhysicalOperator.BuildSchema(fields), arrays, partitions.Count);
    }
}
