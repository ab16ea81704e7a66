namespace Federation.Samples.Tpch;

/// <summary>Row counts and key formulas of the specification (4.2.3) for one scale factor.</summary>
internal sealed class TpchScale
{
    public TpchScale(double scaleFactor)
    {
        ScaleFactor = scaleFactor;
        Suppliers = (int)Scaled(10_000);
        Customers = (int)Scaled(150_000);
        Parts = (int)Scaled(200_000);
        Orders = Scaled(1_500_000);
        Clerks = (int)Math.Max(1, Scaled(1_000));
        // SF * 5 suppliers get each special comment; at least one, so that Q16's filter has something to remove at tiny scales.
        SpecialCommentSuppliers = (int)Math.Max(1, Scaled(5));
        // Customers whose key is a multiple of 3 place no orders: the rest are 1, 2, 4, 5, 7, ...
        CustomersWithOrders = Customers - Customers / 3;
    }

    public double ScaleFactor { get; }

    public int Suppliers { get; }

    public int Customers { get; }

    public int Parts { get; }

    public long PartSupps => Parts * 4L;

    public long Orders { get; }

    public int Clerks { get; }

    public int SpecialCommentSuppliers { get; }

    public int CustomersWithOrders { get; }

    /// <summary>Orders are sparse: of every 32 consecutive keys only the first 8 are used.</summary>
    public static long OrderKey(long orderIndex) => (orderIndex >> 3 << 5) + (orderIndex & 7) + 1;

    /// <summary>The customer key of the n-th (0-based) customer that may place orders, skipping multiples of 3.</summary>
    public static int OrderingCustomerKey(int ordinal) => 3 * (ordinal >> 1) + (ordinal & 1) + 1;

    /// <summary>
    /// The specification's supplier of a part (4.2.3, PS_SUPPKEY): the i-th of its four suppliers,
    /// (partkey + i * (S/4 + (partkey - 1) / S)) mod S + 1. LINEITEM uses the same formula.
    /// </summary>
    public int SuppKey(int partKey, int supplierOrdinal)
    {
        long s = Suppliers;
        return (int)((partKey + supplierOrdinal * (s / 4 + (partKey - 1) / s)) % s + 1);
    }

    /// <summary>P_RETAILPRICE in cents: (90000 + ((partkey / 10) mod 20001) + 100 * (partkey mod 1000)) / 100.</summary>
    public static long RetailPriceCents(int partKey) => 90_000 + partKey / 10 % 20_001 + 100 * (partKey % 1_000);

    private long Scaled(long rowsAtScaleOne) =>
        (long)Math.Round(ScaleFactor * rowsAtScaleOne, MidpointRounding.AwayFromZero);
}
