using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Physical.Tables;

namespace Federation.Engine;

/// <summary>
/// Applies PostgreSQL's assignment rules to rows about to be inserted: NOT NULL columns, VARCHAR(n) and CHAR(n)
/// lengths (a longer value is an error unless only blanks are cut off), and CHAR(n) blank padding.
/// </summary>
internal static class TableConstraints
{
    /// <summary>The batches as they are to be stored; throws when a row breaks a constraint.</summary>
    public static List<RecordBatch> Apply(ITableProvider table, IReadOnlyList<RecordBatch> batches)
    {
        var result = new List<RecordBatch>(batches.Count);
        foreach (var batch in batches)
        {
            IArrowArray[]? columns = null;
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var column = table.Columns[c];
                var array = batch.Column(c);
                if (!column.Nullable && Validity.HasNulls(array) && array.NullCount > 0)
                {
                    throw new FederationException(ErrorCode.InvalidArgument,
                        $"null value in column \"{column.Name}\" of relation \"{table.Name}\" violates not-null constraint");
                }

                if (column.Type is { Kind: TypeKind.String, Length: >= 0 } type && Fit((StringArray)array, type) is { } fitted)
                {
                    columns ??= Enumerable.Range(0, batch.ColumnCount).Select(batch.Column).ToArray();
                    columns[c] = fitted;
                }
            }

            result.Add(columns is null ? batch : new RecordBatch(batch.Schema, columns, batch.Length));
        }

        return result;
    }

    /// <summary>The values cut and padded to the column's length, or null when every value already fits as it is.</summary>
    private static IArrowArray? Fit(StringArray strings, SqlType type)
    {
        var change = false;
        for (var i = 0; i < strings.Length; i++)
        {
            if (strings.IsNull(i))
            {
                continue;
            }

            var bytes = strings.GetBytes(i);
            var count = CharPadding.CharCount(bytes);
            if (count > type.Length && CharPadding.CharCount(CharPadding.TrimTrailingBlanks(bytes)) > type.Length)
            {
                throw new FederationException(ErrorCode.InvalidArgument, $"value too long for type {type}");
            }

            change |= count > type.Length || (type.IsChar && count < type.Length);
        }

        if (!change)
        {
            return null;
        }

        var builder = new VariableWidthBuilder(SqlType.String, strings.Length, strings.ValueOffsets[^1] - strings.ValueOffsets[0]);
        for (var i = 0; i < strings.Length; i++)
        {
            if (strings.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            var value = CharPadding.Truncate(strings.GetBytes(i), type.Length);
            if (type.IsChar)
            {
                CharPadding.AppendPadded(builder, value, type.Length);
            }
            else
            {
                builder.Append(value);
            }
        }

        return builder.Build();
    }
}
