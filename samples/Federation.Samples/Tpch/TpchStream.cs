namespace Federation.Samples.Tpch;

/// <summary>
/// Identifies an independent random stream. Each table has its own, so adding a column draw to one
/// table never changes the values of another. The numbers are part of the output: never renumber.
/// </summary>
internal enum TpchStream : byte
{
    TextPool = 1,
    Region = 2,
    Nation = 3,
    Supplier = 4,
    SupplierSpecialComment = 5,
    Customer = 6,
    Part = 7,
    PartSupp = 8,
    Orders = 9,
}
