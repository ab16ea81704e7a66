using Federation.Samples.Tpch.Columns;

namespace Federation.Samples.Tpch.Tables;

internal sealed class RegionBatchBuilder : SimpleTableBuilder
{
    private readonly TpchGenerationContext _context;
    private readonly Int32ColumnBuffer _regionKey;
    private readonly Utf8ColumnBuffer _name;
    private readonly Utf8ColumnBuffer _comment;

    public RegionBatchBuilder(TpchGenerationContext context)
        : base(TpchSchemas.Region, TpchLists.RegionNames.Length)
    {
        _context = context;
        DeclareColumns(
            _regionKey = new Int32ColumnBuffer(Capacity),
            _name = new Utf8ColumnBuffer(Capacity, 8),
            _comment = new Utf8ColumnBuffer(Capacity, 73));
    }

    public static long RowCount => TpchLists.RegionNames.Length;

    public override void AppendRow(long rowIndex)
    {
        var random = _context.RandomForRow(TpchStream.Region, rowIndex);
        _regionKey.Append((int)rowIndex);
        _name.Append(System.Text.Encoding.UTF8.GetBytes(TpchLists.RegionNames[rowIndex]));
        _comment.Append(_context.Text[_context.Text.Pick(ref random, 31, 115)]);
        CompleteRow();
    }
}
