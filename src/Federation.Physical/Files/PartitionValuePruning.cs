using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Physical.Pruning;

namespace Federation.Physical.Files;

/// <summary>Whether a file's partition values rule out every row the filters keep, so that it need not be fetched (the text, JSON and Avro scans ask).</summary>
public static class PartitionValuePruning
{
    /// <param name="columns">The scan's columns; those whose source index is past <paramref name="dataColumns"/> are partition columns.</param>
    public static bool CanSkip(PartitionedFile file, IReadOnlyList<Expr> filters, IReadOnlyList<ScanColumn> columns, int dataColumns)
    {
        if (filters.Count == 0 || file.PartitionValues.Count == 0)
        {
            return false;
        }

        ColumnStatistics? Statistics(int columnId)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i].Column.Id == columnId)
                {
                    if (columns[i].SourceIndex < dataColumns)
                    {
                        return null;
                    }

                    var value = file.PartitionValues[columns[i].SourceIndex - dataColumns];
                    return new ColumnStatistics(value, value, value.IsNull ? 1 : 0, 1);
                }
            }

            return null;
        }

        foreach (var filter in filters)
        {
            if (PruningPredicate.CanSkip(filter, Statistics))
            {
                return true;
            }
        }

        return false;
    }
}
