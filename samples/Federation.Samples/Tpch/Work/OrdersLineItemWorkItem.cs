using Federation.Samples.Tpch.Columns;
using Federation.Samples.Tpch.Output;
using Federation.Samples.Tpch.Tables;

namespace Federation.Samples.Tpch.Work;

/// <summary>
/// Generates ORDERS and LINEITEM together, for one of two shapes of work:
/// <list type="bullet">
/// <item>unpartitioned: a range of orders, written to <c>orders/part-NNNNN.parquet</c> and <c>lineitem/part-NNNNN.parquet</c>;</item>
/// <item>partitioned by month: every order, keeping only the rows of a range of months, written to
/// <c>orders/o_ordermonth=YYYY-MM/</c> and <c>lineitem/l_shipmonth=YYYY-MM/</c> folders. Splitting by month
/// range bounds the number of files open at once; each pass looks at every order's dates and
/// generates in full only the orders that have a row in its months.</item>
/// </list>
/// </summary>
internal sealed class OrdersLineItemWorkItem : IGenerationWorkItem
{
    private readonly TpchGenerationContext _context;
    private readonly string _datasetRoot;
    private readonly int _rowsPerRowGroup;
    private readonly long _firstOrder;
    private readonly long _endOrder;
    private readonly int? _partIndex;
    private readonly int _firstMonth;
    private readonly int _endMonth;
    private readonly long _maxRowsPerFile;

    private OrdersLineItemWorkItem(
        TpchGenerationContext context, string datasetRoot, int rowsPerRowGroup, long firstOrder, long endOrder, int? partIndex,
        int firstMonth, int endMonth, long maxRowsPerFile)
    {
        _context = context;
        _datasetRoot = datasetRoot;
        _rowsPerRowGroup = rowsPerRowGroup;
        _firstOrder = firstOrder;
        _endOrder = endOrder;
        _partIndex = partIndex;
        _firstMonth = firstMonth;
        _endMonth = endMonth;
        _maxRowsPerFile = maxRowsPerFile;
    }

    /// <summary>Orders [firstOrder, endOrder) into files numbered <paramref name="partIndex"/>.</summary>
    public static OrdersLineItemWorkItem Unpartitioned(
        TpchGenerationContext context, string datasetRoot, int rowsPerRowGroup, long firstOrder, long endOrder, int partIndex) =>
        new(context, datasetRoot, rowsPerRowGroup, firstOrder, endOrder, partIndex, 0, TpchDates.MonthCount, long.MaxValue);

    /// <summary>Rows of months [firstMonth, endMonth) of every order, in files of at most <paramref name="maxRowsPerFile"/> rows.</summary>
    public static OrdersLineItemWorkItem ByMonth(
        TpchGenerationContext context, string datasetRoot, int rowsPerRowGroup, int firstMonth, int endMonth, long maxRowsPerFile) =>
        new(context, datasetRoot, rowsPerRowGroup, 0, context.Scale.Orders, null, firstMonth, endMonth, maxRowsPerFile);

    public IReadOnlyList<TpchDataFile> Run(CancellationToken cancellationToken)
    {
        using var orders = CreateSink(TpchTable.Orders, () => new OrdersBatchBuilder(_context));
        using var lineItems = CreateSink(TpchTable.LineItem, () => new LineItemBatchBuilder(_context));
        var generator = new OrderGenerator(_context);
        var order = new OrderRecord();
        for (long orderIndex = _firstOrder; orderIndex < _endOrder; orderIndex++)
        {
            if ((orderIndex & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            generator.Begin(orderIndex, order);
            int orderMonth = TpchDates.MonthIndex(order.OrderDate);
            bool wanted = orders.Accepts(orderMonth);
            for (int line = 0; line < order.LineCount && !wanted; line++)
            {
                wanted = lineItems.Accepts(TpchDates.MonthIndex(order.Lines[line].ShipDate));
            }
            if (!wanted)
            {
                continue;
            }
            generator.Complete(order);
            if (orders.Accepts(orderMonth))
            {
                var sink = orders.For(orderMonth);
                sink.Builder.Append(order);
                sink.RowAppended();
            }
            for (int line = 0; line < order.LineCount; line++)
            {
                int shipMonth = TpchDates.MonthIndex(order.Lines[line].ShipDate);
                if (lineItems.Accepts(shipMonth))
                {
                    var sink = lineItems.For(shipMonth);
                    sink.Builder.Append(order, line);
                    sink.RowAppended();
                }
            }
        }
        return [.. orders.Complete(), .. lineItems.Complete()];
    }

    private MonthRoutedSink<TBuilder> CreateSink<TBuilder>(TpchTable table, Func<TBuilder> createBuilder)
        where TBuilder : TableBatchBuilder
    {
        string tableDirectory = Path.Combine(_datasetRoot, TpchSchemas.TableName(table));
        if (_partIndex is int partIndex)
        {
            return MonthRoutedSink<TBuilder>.Unpartitioned(new TableSink<TBuilder>(
                createBuilder(),
                new ParquetFileSink(_datasetRoot, tableDirectory, table, _rowsPerRowGroup, _maxRowsPerFile, _ => PartFileName(partIndex))));
        }
        string partitionKey = TpchSchemas.MonthPartitionKey(table)!;
        return MonthRoutedSink<TBuilder>.ByMonth(_firstMonth, _endMonth, month => new TableSink<TBuilder>(
            createBuilder(),
            new ParquetFileSink(
                _datasetRoot,
                Path.Combine(tableDirectory, partitionKey + "=" + TpchDates.MonthLabel(month)),
                table,
                _rowsPerRowGroup,
                _maxRowsPerFile,
                PartFileName)));
    }

    private static string PartFileName(int index) =>
        "part-" + index.ToString("D5", System.Globalization.CultureInfo.InvariantCulture) + ".parquet";
}
