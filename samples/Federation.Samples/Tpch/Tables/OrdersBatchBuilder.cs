using Federation.Samples.Tpch.Columns;

namespace Federation.Samples.Tpch.Tables;

internal sealed class OrdersBatchBuilder : TableBatchBuilder
{
    private readonly TpchTextPool _text;
    private readonly Int64ColumnBuffer _orderKey;
    private readonly Int32ColumnBuffer _custKey;
    private readonly Utf8ColumnBuffer _orderStatus;
    private readonly DecimalColumnBuffer _totalPrice;
    private readonly Date32ColumnBuffer _orderDate;
    private readonly Utf8ColumnBuffer _orderPriority;
    private readonly Utf8ColumnBuffer _clerk;
    private readonly Int32ColumnBuffer _shipPriority;
    private readonly Utf8ColumnBuffer _comment;

    public OrdersBatchBuilder(TpchGenerationContext context)
        : base(TpchSchemas.Orders, context.BatchRows)
    {
        _text = context.Text;
        DeclareColumns(
            _orderKey = new Int64ColumnBuffer(Capacity),
            _custKey = new Int32ColumnBuffer(Capacity),
            _orderStatus = new Utf8ColumnBuffer(Capacity, 1),
            _totalPrice = new DecimalColumnBuffer(Capacity),
            _orderDate = new Date32ColumnBuffer(Capacity),
            _orderPriority = new Utf8ColumnBuffer(Capacity, 9),
            _clerk = new Utf8ColumnBuffer(Capacity, 15),
            _shipPriority = new Int32ColumnBuffer(Capacity),
            _comment = new Utf8ColumnBuffer(Capacity, 49));
    }

    public void Append(OrderRecord order)
    {
        _orderKey.Append(order.OrderKey);
        _custKey.Append(order.CustKey);
        _orderStatus.Append(order.OrderStatus);
        _totalPrice.Append(order.TotalPriceCents);
        _orderDate.Append(order.OrderDate);
        _orderPriority.Append(TpchLists.OrderPriorities[order.Priority]);
        TpchValues.AppendNumberedName(_clerk, "Clerk#"u8, order.Clerk);
        _shipPriority.Append(0);
        _comment.Append(_text[order.Comment]);
        CompleteRow();
    }
}
