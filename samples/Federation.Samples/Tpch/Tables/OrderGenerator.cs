namespace Federation.Samples.Tpch.Tables;

/// <summary>
/// Generates an order together with its line items (spec 4.2.3), since each depends on the other:
/// the items' dates follow from the order date, and the order's status and total price from its
/// items. Generation has two steps so that a pass that writes only some months can look at an
/// order's dates and skip the rest of the work for orders it does not need.
/// </summary>
internal sealed class OrderGenerator(TpchGenerationContext context)
{
    private static readonly int OrderDateSpan = TpchDates.LastOrderDate - TpchDates.StartDate + 1;

    /// <summary>Step one: key, order date, number of line items and their ship dates.</summary>
    public void Begin(long orderIndex, OrderRecord order)
    {
        order.Random = context.RandomForRow(TpchStream.Orders, orderIndex);
        order.OrderKey = TpchScale.OrderKey(orderIndex);
        order.OrderDate = TpchDates.StartDate + order.Random.Next(OrderDateSpan);
        order.LineCount = order.Random.Between(1, OrderRecord.MaxLines);
        for (int line = 0; line < order.LineCount; line++)
        {
            order.Lines[line].ShipDate = order.OrderDate + order.Random.Between(1, 121);
        }
    }

    /// <summary>Step two: every other column of the order and of its line items.</summary>
    public void Complete(OrderRecord order)
    {
        var scale = context.Scale;
        ref var random = ref order.Random;
        order.CustKey = TpchScale.OrderingCustomerKey(random.Next(scale.CustomersWithOrders));
        order.Priority = random.Next(TpchLists.OrderPriorities.Length);
        order.Clerk = random.Between(1, scale.Clerks);
        order.Comment = context.Text.Pick(ref random, 19, 78);

        // Sum of extendedprice * (100 - discount) * (100 + tax), exact in 1/1,000,000 of a dollar,
        // rounded to cents once: O_TOTALPRICE = sum(L_EXTENDEDPRICE * (1 + L_TAX) * (1 - L_DISCOUNT)).
        long totalMicros = 0;
        int shippedLines = 0;
        for (int index = 0; index < order.LineCount; index++)
        {
            ref var line = ref order.Lines[index];
            line.PartKey = random.Between(1, scale.Parts);
            line.SuppKey = scale.SuppKey(line.PartKey, random.Next(4));
            line.Quantity = random.Between(1, 50);
            line.ExtendedPriceCents = line.Quantity * TpchScale.RetailPriceCents(line.PartKey);
            line.Discount = random.Between(0, 10);
            line.Tax = random.Between(0, 8);
            line.CommitDate = order.OrderDate + random.Between(30, 90);
            line.ReceiptDate = line.ShipDate + random.Between(1, 30);
            bool returned = random.Next(2) == 0;
            line.ReturnFlag = line.ReceiptDate <= TpchDates.CurrentDate ? (returned ? (byte)'R' : (byte)'A') : (byte)'N';
            line.LineStatus = line.ShipDate > TpchDates.CurrentDate ? (byte)'O' : (byte)'F';
            line.ShipInstruction = random.Next(TpchLists.ShipInstructions.Length);
            line.ShipMode = random.Next(TpchLists.ShipModes.Length);
            line.Comment = context.Text.Pick(ref random, 10, 43);

            totalMicros += line.ExtendedPriceCents * (100 - line.Discount) * (100 + line.Tax);
            if (line.LineStatus == (byte)'F')
            {
                shippedLines++;
            }
        }
        order.TotalPriceCents = (totalMicros + 5_000) / 10_000;
        order.OrderStatus = shippedLines == order.LineCount ? (byte)'F' : shippedLines == 0 ? (byte)'O' : (byte)'P';
    }
}
