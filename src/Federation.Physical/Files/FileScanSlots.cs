using Federation.Common.Types;
using Federation.Logical.Plans;
using Federation.Logical.Tables;

namespace Federation.Physical.Files;

/// <summary>
/// The builder slots of a file scan that decodes only the data columns a query reads (text, JSON, Avro): each read
/// data column, in the order the scan's columns first name it, gets the next slot; partition columns get none.
/// </summary>
/// <param name="SlotOfField">For each data column (declared order), its slot, or -1 when the query does not read it.</param>
/// <param name="Types">For each slot, the declared type.</param>
/// <param name="Names">For each slot, the declared column's name, for messages.</param>
public sealed record FileScanSlots(int[] SlotOfField, SqlType[] Types, string[] Names)
{
    public static FileScanSlots Assign(IReadOnlyList<ScanColumn> columns, IReadOnlyList<TableColumn> tableColumns, int dataColumns)
    {
        var slotOfField = new int[dataColumns];
        System.Array.Fill(slotOfField, -1);
        var types = new List<SqlType>();
        var names = new List<string>();
        foreach (var column in columns)
        {
            if (column.SourceIndex < dataColumns && slotOfField[column.SourceIndex] < 0)
            {
                slotOfField[column.SourceIndex] = types.Count;
                types.Add(tableColumns[column.SourceIndex].Type);
                names.Add(tableColumns[column.SourceIndex].Name);
            }
        }

        return new FileScanSlots(slotOfField, [.. types], [.. names]);
    }
}
