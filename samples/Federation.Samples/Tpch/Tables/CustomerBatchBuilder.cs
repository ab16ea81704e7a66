using Federation.Samples.Tpch.Columns;

namespace Federation.Samples.Tpch.Tables;

internal sealed class CustomerBatchBuilder : SimpleTableBuilder
{
    private readonly TpchGenerationContext _context;
    private readonly Int32ColumnBuffer _custKey;
    private readonly Utf8ColumnBuffer _name;
    private readonly Utf8ColumnBuffer _address;
    private readonly Int32ColumnBuffer _nationKey;
    private readonly Utf8ColumnBuffer _phone;
    private readonly DecimalColumnBuffer _acctBal;
    private readonly Utf8ColumnBuffer _mktSegment;
    private readonly Utf8ColumnBuffer _comment;

    public CustomerBatchBuilder(TpchGenerationContext context)
        : base(TpchSchemas.Customer, context.BatchRows)
    {
        _context = context;
        DeclareColumns(
            _custKey = new Int32ColumnBuffer(Capacity),
            _name = new Utf8ColumnBuffer(Capacity, 18),
            _address = new Utf8ColumnBuffer(Capacity, 25),
            _nationKey = new Int32ColumnBuffer(Capacity),
            _phone = new Utf8ColumnBuffer(Capacity, 15),
            _acctBal = new DecimalColumnBuffer(Capacity),
            _mktSegment = new Utf8ColumnBuffer(Capacity, 10),
            _comment = new Utf8ColumnBuffer(Capacity, 73));
    }

    public override void AppendRow(long rowIndex)
    {
        var random = _context.RandomForRow(TpchStream.Customer, rowIndex);
        _custKey.Append((int)rowIndex + 1);
        TpchValues.AppendNumberedName(_name, "Customer#"u8, rowIndex + 1);
        TpchValues.AppendVString(_address, ref random, 10, 40);
        int nationKey = random.Next(TpchLists.Nations.Length);
        _nationKey.Append(nationKey);
        TpchValues.AppendPhone(_phone, ref random, nationKey);
        _acctBal.Append(random.Between(-99_999, 999_999));
        _mktSegment.Append(TpchLists.MarketSegments[random.Next(TpchLists.MarketSegments.Length)]);
        _comment.Append(_context.Text[_context.Text.Pick(ref random, 29, 116)]);
        CompleteRow();
    }
}
