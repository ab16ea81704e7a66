namespace Federation.Samples.Tpch.Tables;

/// <summary>One generated LINEITEM row; money in cents, percentages in hundredths, dates as Date32.</summary>
internal struct LineItemRecord
{
    public int PartKey;
    public int SuppKey;
    public int Quantity;
    public long ExtendedPriceCents;
    public int Discount;
    public int Tax;
    public byte ReturnFlag;
    public byte LineStatus;
    public int ShipDate;
    public int CommitDate;
    public int ReceiptDate;
    public int ShipInstruction;
    public int ShipMode;
    public TextSlice Comment;
}
