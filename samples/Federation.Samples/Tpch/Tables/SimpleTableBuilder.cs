using Apache.Arrow;
using Federation.Samples.Tpch.Columns;

namespace Federation.Samples.Tpch.Tables;

/// <summary>A table whose rows depend only on their own ordinal: everything but ORDERS and LINEITEM.</summary>
internal abstract class SimpleTableBuilder(Schema schema, int capacity) : TableBatchBuilder(schema, capacity)
{
    /// <summary>Appends the row with the given 0-based ordinal (the key minus one, or the key for REGION and NATION).</summary>
    public abstract void AppendRow(long rowIndex);
}
