namespace Federation.Samples.Tpch.Tables;

/// <summary>
/// One generated order with its line items, reused from order to order. Filled in two steps by
/// <see cref="OrderGenerator"/>: first what decides which partitions its rows land in, then the rest.
/// </summary>
internal sealed class OrderRecord
{
    public const int MaxLines = 7;

    public readonly LineItemRecord[] Lines = new LineItemRecord[MaxLines];

    /// <summary>The order's own random stream, carried from the first generation step to the second.</summary>
    public TpchRandom Random;

    public long OrderKey;
    public int OrderDate;
    public int LineCount;
    public int CustKey;
    public byte OrderStatus;
    public long TotalPriceCents;
    public int Priority;
    public int Clerk;
    public TextSlice Comment;
}
