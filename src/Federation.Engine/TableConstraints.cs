using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Physical.Tables;

namespace Federation.Engine;

/// <summary>Checks rows about to be inserted against the table's NOT NULL columns and VARCHAR(n) lengths.</summary>
internal static class TableConstraints
{
    public static void Check(MemoryTable table, IReadOnlyList<RecordBatch> batches)
    {
        for (var c = 0; c < table.Columns.Count; c++)
        {
            var column = table.Columns[c];
            foreach (var batch in batches)
            {
                var array = batch.Column(c);
                if (!column.Nullable && Validity.HasNulls(array) && array.NullCount > 0)
                {
                    throw new FederationException(ErrorCode.InvalidArgument,
                        $"null value in column \"{column.Name}\" of relation \"{table.Name}\" violates not-null constraint");
                }

                if (column.Type is { Kind: TypeKind.String, Length: >= 0 } type)
                {
                    var strings = (StringArray)array;
                    for (var i = 0; i < strings.Length; i++)
                    {
                        if (!strings.IsNull(i) && CharCount(strings.GetBytes(i)) > type.Length)
                        {
                            throw new FederationException(ErrorCode.InvalidArgument, $"value too long for type {type}");
                        }
                    }
                }
            }
        }
    }

    private static int CharCount(ReadOnlySpan<byte> utf8)
    {
        var count = 0;
        foreach (var b in utf8)
        {
            if ((b & 0xC0) != 0x80)
            {
                count++;
            }
        }

        return count;
    }
}
