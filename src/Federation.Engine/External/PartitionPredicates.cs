using Federation.Catalog.Metastore;
using Federation.Common.Types;
using Federation.Logical.Expressions;
using Federation.Logical.Tables;
using Federation.Physical;
using Federation.Physical.Expressions;
using Federation.Physical.Tables;

namespace Federation.Engine.External;

/// <summary>
/// Turns a scan's filters on partition columns into the <see cref="PartitionFilter"/> a metastore receives: the part
/// a catalog service can evaluate (key op literal with =, &lt;&gt;, ranges, IN and BETWEEN as ranges, AND/OR) as a
/// <see cref="PartitionPredicate"/>, and the whole filter as <see cref="PartitionPruner"/> over partition values.
/// A filter that cannot be expressed is left out of the predicate (an AND keeps its other side, an OR is dropped
/// whole), so the predicate only ever admits more partitions than the filter; the scan checks every one again.
/// Ranges are sent only for keys that compare the same as numbers or as text (integers, text, dates);
/// other keys send equalities only, and floating-point and CHAR keys nothing.
/// </summary>
internal static class PartitionPredicates
{
    public static PartitionFilter For(ExternalTable table, ScanRequest request, EvaluationContext context)
    {
        var partitionColumns = new Dictionary<int, TableColumn>();
        foreach (var column in request.Columns)
        {
            if (column.SourceIndex >= table.DataColumns && column.SourceIndex < table.DataColumns + table.PartitionColumns)
            {
                partitionColumns[column.Column.Id] = table.Columns[column.SourceIndex];
            }
        }

        var applicable = request.Filters.Where(f => ExprVisitor.ColumnIds(f).All(partitionColumns.ContainsKey)).ToArray();
        if (applicable.Length == 0)
        {
            return PartitionFilter.All;
        }

        var operands = new List<PartitionPredicate>();
        foreach (var filter in applicable)
        {
            if (Convert(filter, partitionColumns) is { } predicate)
            {
                operands.Add(predicate);
            }
        }

        var keys = table.Columns.Skip(table.DataColumns).Take(table.PartitionColumns).ToArray();
        // The parsed values depend on the keys' names and types only: kept with the cached name list under that key.
        var typedKey = "typed:" + string.Join(",", keys.Select(k => $"{k.Name} {k.Type}"));
        return new PartitionFilter(
            operands.Count switch { 0 => null, 1 => operands[0], _ => new PartitionAnd(operands) },
            values =>
            {
                var batch = values.GetOrAdd(typedKey, list =>
                {
                    var typed = new IReadOnlyList<ScalarValue>[list.Count];
                    for (var i = 0; i < typed.Length; i++)
                    {
                        var row = new ScalarValue[keys.Length];
                        for (var k = 0; k < row.Length; k++)
                        {
                            row[k] = PartitionValues.Parse(list[i][k], keys[k], table.Name);
                        }

                        typed[i] = row;
                    }

                    return PartitionPruner.Batch(typed, table.Columns, table.DataColumns, table.PartitionColumns);
                });
                return PartitionPruner.Select(batch, table.Columns, table.DataColumns, table.PartitionColumns, request.Columns, request.Filters, context);
            });
    }

    private static PartitionPredicate? Convert(Expr expr, IReadOnlyDictionary<int, TableColumn> columns)
    {
        switch (expr)
        {
            case BinaryExpr { Op: BinaryOp.And } and:
            {
                var left = Convert(and.Left, columns);
                var right = Convert(and.Right, columns);
                return left is null ? right : right is null ? left : new PartitionAnd([left, right]);
            }

            case BinaryExpr { Op: BinaryOp.Or } or:
            {
                var left = Convert(or.Left, columns);
                var right = Convert(or.Right, columns);
                return left is null || right is null ? null : new PartitionOr([left, right]);
            }

            case BinaryExpr binary when Operator(binary.Op) is { } op:
            {
                if (binary is { Left: ColumnRef column, Right: Literal literal })
                {
                    return Comparison(column, op, literal, columns);
                }

                if (binary is { Left: Literal flipped, Right: ColumnRef right })
                {
                    return Comparison(right, Flip(op), flipped, columns);
                }

                return null;
            }

            case InListExpr { Negated: false, Input: ColumnRef column } list when list.List.All(e => e is Literal { Value.IsNull: false }):
            {
                if (!columns.TryGetValue(column.Id, out var key) || !Sendable(key.Type, PartitionOperator.Equal))
                {
                    return null;
                }

                var values = new List<string>();
                foreach (Literal literal in list.List)
                {
                    if (Text(literal, key.Type) is not { } text)
                    {
                        return null;
                    }

                    values.Add(text);
                }

                return new PartitionInList(key.Name, values, key.Type.IsInteger);
            }

            default:
                return null;
        }
    }

    private static PartitionComparison? Comparison(ColumnRef column, PartitionOperator op, Literal literal, IReadOnlyDictionary<int, TableColumn> columns) =>
        columns.TryGetValue(column.Id, out var key) && Sendable(key.Type, op) && Text(literal, key.Type) is { } text
            ? new PartitionComparison(key.Name, op, text, key.Type.IsInteger)
            : null;

    /// <summary>The literal as the metastore's text of a value of the key's type, when the literal has that type.</summary>
    private static string? Text(Literal literal, SqlType type)
    {
        var value = literal.Value;
        if (value.IsNull || value.Value is null)
        {
            return null;
        }

        var same = type.IsString ? value.Type.IsString : type.IsInteger ? value.Type.IsInteger : value.Type.Equals(type);
        return same ? ValueFormatter.Format(value.Type, value.Value) : null;
    }

    private static bool Sendable(SqlType type, PartitionOperator op) =>
        !type.IsFloat && !type.IsChar
        && (op is PartitionOperator.Equal or PartitionOperator.NotEqual || type.IsInteger || type.IsString || type.Kind == TypeKind.Date);

    private static PartitionOperator? Operator(BinaryOp op) => op switch
    {
        BinaryOp.Equal => PartitionOperator.Equal,
        BinaryOp.NotEqual => PartitionOperator.NotEqual,
        BinaryOp.Less => PartitionOperator.Less,
        BinaryOp.LessOrEqual => PartitionOperator.LessOrEqual,
        BinaryOp.Greater => PartitionOperator.Greater,
        BinaryOp.GreaterOrEqual => PartitionOperator.GreaterOrEqual,
        _ => null,
    };

    private static PartitionOperator Flip(PartitionOperator op) => op switch
    {
        PartitionOperator.Less => PartitionOperator.Greater,
        PartitionOperator.LessOrEqual => PartitionOperator.GreaterOrEqual,
        PartitionOperator.Greater => PartitionOperator.Less,
        PartitionOperator.GreaterOrEqual => PartitionOperator.LessOrEqual,
        _ => op,
    };
}
