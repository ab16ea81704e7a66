using Federation.Samples.Tpch.Columns;

namespace Federation.Samples.Tpch.Tables;

internal sealed class PartBatchBuilder : SimpleTableBuilder
{
    private const int NameWords = 5;

    private readonly TpchGenerationContext _context;
    private readonly Int32ColumnBuffer _partKey;
    private readonly Utf8ColumnBuffer _name;
    private readonly Utf8ColumnBuffer _mfgr;
    private readonly Utf8ColumnBuffer _brand;
    private readonly Utf8ColumnBuffer _type;
    private readonly Int32ColumnBuffer _size;
    private readonly Utf8ColumnBuffer _container;
    private readonly DecimalColumnBuffer _retailPrice;
    private readonly Utf8ColumnBuffer _comment;

    public PartBatchBuilder(TpchGenerationContext context)
        : base(TpchSchemas.Part, context.BatchRows)
    {
        _context = context;
        DeclareColumns(
            _partKey = new Int32ColumnBuffer(Capacity),
            _name = new Utf8ColumnBuffer(Capacity, 33),
            _mfgr = new Utf8ColumnBuffer(Capacity, 14),
            _brand = new Utf8ColumnBuffer(Capacity, 8),
            _type = new Utf8ColumnBuffer(Capacity, 20),
            _size = new Int32ColumnBuffer(Capacity),
            _container = new Utf8ColumnBuffer(Capacity, 8),
            _retailPrice = new DecimalColumnBuffer(Capacity),
            _comment = new Utf8ColumnBuffer(Capacity, 14));
    }

    public override void AppendRow(long rowIndex)
    {
        var random = _context.RandomForRow(TpchStream.Part, rowIndex);
        int partKey = (int)rowIndex + 1;
        _partKey.Append(partKey);
        AppendName(ref random);
        int manufacturer = random.Next(5);
        _mfgr.Append(TpchLists.Manufacturers[manufacturer]);
        _brand.Append(TpchLists.Brands[manufacturer * 5 + random.Next(5)]);
        _type.Append(TpchLists.PartTypes[random.Next(TpchLists.PartTypes.Length)]);
        _size.Append(random.Between(1, 50));
        _container.Append(TpchLists.Containers[random.Next(TpchLists.Containers.Length)]);
        _retailPrice.Append(TpchScale.RetailPriceCents(partKey));
        _comment.Append(_context.Text[_context.Text.Pick(ref random, 5, 22)]);
        CompleteRow();
    }

    /// <summary>P_NAME: five distinct color words separated by single spaces.</summary>
    private void AppendName(ref TpchRandom random)
    {
        Span<int> words = stackalloc int[NameWords];
        int length = NameWords - 1;
        for (int index = 0; index < NameWords; index++)
        {
            int word;
            do
            {
                word = random.Next(TpchLists.Colors.Length);
            }
            while (words[..index].Contains(word));
            words[index] = word;
            length += TpchLists.Colors[word].Length;
        }
        var name = _name.AppendUninitialized(length);
        int position = 0;
        for (int index = 0; index < NameWords; index++)
        {
            if (index > 0)
            {
                name[position++] = (byte)' ';
            }
            var color = TpchLists.Colors[words[index]];
            color.CopyTo(name[position..]);
            position += color.Length;
        }
    }
}
