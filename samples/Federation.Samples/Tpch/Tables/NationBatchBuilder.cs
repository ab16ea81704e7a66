using Federation.Samples.Tpch.Columns;

namespace Federation.Samples.Tpch.Tables;

internal sealed class NationBatchBuilder : SimpleTableBuilder
{
    private readonly TpchGenerationContext _context;
    private readonly Int32ColumnBuffer _nationKey;
    private readonly Utf8ColumnBuffer _name;
    private readonly Int32ColumnBuffer _regionKey;
    private readonly Utf8ColumnBuffer _comment;

    public NationBatchBuilder(TpchGenerationContext context)
        : base(TpchSchemas.Nation, TpchLists.Nations.Length)
    {
        _context = context;
        DeclareColumns(
            _nationKey = new Int32ColumnBuffer(Capacity),
            _name = new Utf8ColumnBuffer(Capacity, 8),
            _regionKey = new Int32ColumnBuffer(Capacity),
            _comment = new Utf8ColumnBuffer(Capacity, 73));
    }

    public static long RowCount => TpchLists.Nations.Length;

    public override void AppendRow(long rowIndex)
    {
        var random = _context.RandomForRow(TpchStream.Nation, rowIndex);
        var (name, regionKey) = TpchLists.Nations[rowIndex];
        _nationKey.Append((int)rowIndex);
        _name.Append(System.Text.Encoding.UTF8.GetBytes(name));
        _regionKey.Append(regionKey);
        _comment.Append(_context.Text[_context.Text.Pick(ref random, 31, 114)]);
        CompleteRow();
    }
}
