using Federation.Samples.Tpch.Columns;

namespace Federation.Samples.Tpch.Tables;

/// <summary>PARTSUPP: four rows per part, one for each of the part's suppliers, in part order.</summary>
internal sealed class PartSuppBatchBuilder : SimpleTableBuilder
{
    public const int SuppliersPerPart = 4;

    private readonly TpchGenerationContext _context;
    private readonly Int32ColumnBuffer _partKey;
    private readonly Int32ColumnBuffer _suppKey;
    private readonly Int32ColumnBuffer _availQty;
    private readonly DecimalColumnBuffer _supplyCost;
    private readonly Utf8ColumnBuffer _comment;

    public PartSuppBatchBuilder(TpchGenerationContext context)
        : base(TpchSchemas.PartSupp, context.BatchRows)
    {
        _context = context;
        DeclareColumns(
            _partKey = new Int32ColumnBuffer(Capacity),
            _suppKey = new Int32ColumnBuffer(Capacity),
            _availQty = new Int32ColumnBuffer(Capacity),
            _supplyCost = new DecimalColumnBuffer(Capacity),
            _comment = new Utf8ColumnBuffer(Capacity, 124));
    }

    public override void AppendRow(long rowIndex)
    {
        var random = _context.RandomForRow(TpchStream.PartSupp, rowIndex);
        int partKey = (int)(rowIndex / SuppliersPerPart) + 1;
        _partKey.Append(partKey);
        _suppKey.Append(_context.Scale.SuppKey(partKey, (int)(rowIndex % SuppliersPerPart)));
        _availQty.Append(random.Between(1, 9_999));
        _supplyCost.Append(random.Between(100, 100_000));
        _comment.Append(_context.Text[_context.Text.Pick(ref random, 49, 198)]);
        CompleteRow();
    }
}
