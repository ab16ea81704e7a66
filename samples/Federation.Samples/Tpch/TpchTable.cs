namespace Federation.Samples.Tpch;

/// <summary>The eight TPC-H tables. Their folder and file names are <see cref="TpchSchemas.TableName"/>.</summary>
public enum TpchTable
{
    Region,
    Nation,
    Supplier,
    Customer,
    Part,
    PartSupp,
    Orders,
    LineItem,
}
