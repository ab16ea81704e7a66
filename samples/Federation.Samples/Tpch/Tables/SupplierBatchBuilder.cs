using Federation.Samples.Tpch.Columns;

namespace Federation.Samples.Tpch.Tables;

internal sealed class SupplierBatchBuilder : SimpleTableBuilder
{
    private readonly TpchGenerationContext _context;
    private readonly Int32ColumnBuffer _suppKey;
    private readonly Utf8ColumnBuffer _name;
    private readonly Utf8ColumnBuffer _address;
    private readonly Int32ColumnBuffer _nationKey;
    private readonly Utf8ColumnBuffer _phone;
    private readonly DecimalColumnBuffer _acctBal;
    private readonly Utf8ColumnBuffer _comment;

    public SupplierBatchBuilder(TpchGenerationContext context)
        : base(TpchSchemas.Supplier, context.BatchRows)
    {
        _context = context;
        DeclareColumns(
            _suppKey = new Int32ColumnBuffer(Capacity),
            _name = new Utf8ColumnBuffer(Capacity, 18),
            _address = new Utf8ColumnBuffer(Capacity, 25),
            _nationKey = new Int32ColumnBuffer(Capacity),
            _phone = new Utf8ColumnBuffer(Capacity, 15),
            _acctBal = new DecimalColumnBuffer(Capacity),
            _comment = new Utf8ColumnBuffer(Capacity, 63));
    }

    private enum SpecialComment
    {
        None,
        Complaints,
        Recommends,
    }

    public override void AppendRow(long rowIndex)
    {
        var random = _context.RandomForRow(TpchStream.Supplier, rowIndex);
        _suppKey.Append((int)rowIndex + 1);
        TpchValues.AppendNumberedName(_name, "Supplier#"u8, rowIndex + 1);
        TpchValues.AppendVString(_address, ref random, 10, 40);
        int nationKey = random.Next(TpchLists.Nations.Length);
        _nationKey.Append(nationKey);
        TpchValues.AppendPhone(_phone, ref random, nationKey);
        _acctBal.Append(random.Between(-99_999, 999_999));

        var text = _context.Text[_context.Text.Pick(ref random, 25, 100)];
        var comment = _comment.AppendUninitialized(text.Length);
        text.CopyTo(comment);
        var special = SpecialCommentOf((int)rowIndex);
        if (special != SpecialComment.None)
        {
            // 4.2.3: "Customer" and then "Complaints" or "Recommends" at random places, so that
            // LIKE '%Customer%Complaints%' (Q16) matches exactly the chosen suppliers.
            var first = "Customer "u8;
            var second = special == SpecialComment.Complaints ? "Complaints"u8 : "Recommends"u8;
            int slack = comment.Length - first.Length - second.Length;
            int start = random.Between(0, slack);
            int gap = random.Between(0, slack - start);
            first.CopyTo(comment[start..]);
            second.CopyTo(comment[(start + first.Length + gap)..]);
        }
        CompleteRow();
    }

    /// <summary>
    /// The suppliers are cut into SF * 5 equal blocks; in each block one random supplier gets the
    /// "Complaints" comment and a different one the "Recommends" comment, SF * 5 of each in all.
    /// </summary>
    private SpecialComment SpecialCommentOf(int supplierIndex)
    {
        int suppliers = _context.Scale.Suppliers;
        int blocks = _context.Scale.SpecialCommentSuppliers;
        int block = (int)((long)supplierIndex * blocks / suppliers);
        while (BlockStart(block + 1) <= supplierIndex)
        {
            block++;
        }
        while (BlockStart(block) > supplierIndex)
        {
            block--;
        }
        int start = BlockStart(block);
        int size = BlockStart(block + 1) - start;
        var random = _context.RandomForRow(TpchStream.SupplierSpecialComment, block);
        int complaints = random.Next(size);
        int recommends = random.Next(size - 1);
        if (recommends >= complaints)
        {
            recommends++;
        }
        int position = supplierIndex - start;
        return position == complaints ? SpecialComment.Complaints
            : position == recommends ? SpecialComment.Recommends
            : SpecialComment.None;

        int BlockStart(int blockIndex) => (int)((long)blockIndex * suppliers / blocks);
    }
}
