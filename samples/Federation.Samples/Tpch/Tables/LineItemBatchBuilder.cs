using Federation.Samples.Tpch.Columns;

namespace Federation.Samples.Tpch.Tables;

internal sealed class LineItemBatchBuilder : TableBatchBuilder
{
    private readonly TpchTextPool _text;
    private readonly Int64ColumnBuffer _orderKey;
    private readonly Int32ColumnBuffer _partKey;
    private readonly Int32ColumnBuffer _suppKey;
    private readonly Int32ColumnBuffer _lineNumber;
    private readonly DecimalColumnBuffer _quantity;
    private readonly DecimalColumnBuffer _extendedPrice;
    private readonly DecimalColumnBuffer _discount;
    private readonly DecimalColumnBuffer _tax;
    private readonly Utf8ColumnBuffer _returnFlag;
    private readonly Utf8ColumnBuffer _lineStatus;
    private readonly Date32ColumnBuffer _shipDate;
    private readonly Date32ColumnBuffer _commitDate;
    private readonly Date32ColumnBuffer _receiptDate;
    private readonly Utf8ColumnBuffer _shipInstruct;
    private readonly Utf8ColumnBuffer _shipMode;
    private readonly Utf8ColumnBuffer _comment;

    public LineItemBatchBuilder(TpchGenerationContext context)
        : base(TpchSchemas.LineItem, context.BatchRows)
    {
        _text = context.Text;
        DeclareColumns(
            _orderKey = new Int64ColumnBuffer(Capacity),
            _partKey = new Int32ColumnBuffer(Capacity),
            _suppKey = new Int32ColumnBuffer(Capacity),
            _lineNumber = new Int32ColumnBuffer(Capacity),
            _quantity = new DecimalColumnBuffer(Capacity),
            _extendedPrice = new DecimalColumnBuffer(Capacity),
            _discount = new DecimalColumnBuffer(Capacity),
            _tax = new DecimalColumnBuffer(Capacity),
            _returnFlag = new Utf8ColumnBuffer(Capacity, 1),
            _lineStatus = new Utf8ColumnBuffer(Capacity, 1),
            _shipDate = new Date32ColumnBuffer(Capacity),
            _commitDate = new Date32ColumnBuffer(Capacity),
            _receiptDate = new Date32ColumnBuffer(Capacity),
            _shipInstruct = new Utf8ColumnBuffer(Capacity, 12),
            _shipMode = new Utf8ColumnBuffer(Capacity, 5),
            _comment = new Utf8ColumnBuffer(Capacity, 27));
    }

    public void Append(OrderRecord order, int lineIndex)
    {
        ref readonly var line = ref order.Lines[lineIndex];
        _orderKey.Append(order.OrderKey);
        _partKey.Append(line.PartKey);
        _suppKey.Append(line.SuppKey);
        _lineNumber.Append(lineIndex + 1);
        _quantity.Append(line.Quantity * 100L);
        _extendedPrice.Append(line.ExtendedPriceCents);
        _discount.Append(line.Discount);
        _tax.Append(line.Tax);
        _returnFlag.Append(line.ReturnFlag);
        _lineStatus.Append(line.LineStatus);
        _shipDate.Append(line.ShipDate);
        _commitDate.Append(line.CommitDate);
        _receiptDate.Append(line.ReceiptDate);
        _shipInstruct.Append(TpchLists.ShipInstructions[line.ShipInstruction]);
        _shipMode.Append(TpchLists.ShipModes[line.ShipMode]);
        _comment.Append(_text[line.Comment]);
        CompleteRow();
    }
}
