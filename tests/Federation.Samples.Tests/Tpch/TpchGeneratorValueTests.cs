using System.Globalization;
using System.Text.RegularExpressions;
using Federation.Samples.Tpch;

namespace Federation.Samples.Tests.Tpch;

/// <summary>
/// Checks the generated SF 0.01 values against the rules of TPC-H specification 4.2.3, reading the
/// Parquet files back. The expected values are computed here from the specification's formulas,
/// independently of the generator's code.
/// </summary>
public sealed class TpchGeneratorValueTests(TpchScaleFactorHundredthFixture dataset) : IClassFixture<TpchScaleFactorHundredthFixture>
{
    private const int Suppliers = 100;
    private const int Customers = 1_500;
    private const int Parts = 2_000;
    private static readonly DateOnly CurrentDate = new(1995, 6, 17);

    [Fact]
    public async Task LineItem_ReturnFlagAndLineStatusFollowTheDates()
    {
        var lineItems = await ReadAsync(TpchTable.LineItem);
        var returnFlags = lineItems.String("l_returnflag");
        var lineStatuses = lineItems.String("l_linestatus");
        var shipDates = lineItems.Date("l_shipdate");
        var receiptDates = lineItems.Date("l_receiptdate");
        for (int row = 0; row < lineItems.RowCount; row++)
        {
            string expectedStatus = shipDates[row] > CurrentDate ? "O" : "F";
            Assert.Equal(expectedStatus, lineStatuses[row]);
            if (receiptDates[row] <= CurrentDate)
            {
                Assert.Contains(returnFlags[row], new[] { "R", "A" });
            }
            else
            {
                Assert.Equal("N", returnFlags[row]);
            }
        }
        Assert.Equal(["A", "N", "R"], returnFlags.Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["F", "O"], lineStatuses.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task LineItem_DatesAreOffsetsFromTheOrderDate()
    {
        var orders = await ReadAsync(TpchTable.Orders);
        var lineItems = await ReadAsync(TpchTable.LineItem);
        var orderDateByKey = orders.Int64("o_orderkey").Zip(orders.Date("o_orderdate")).ToDictionary(pair => pair.First, pair => pair.Second);
        Assert.All(orderDateByKey.Values, date => Assert.InRange(date, new DateOnly(1992, 1, 1), new DateOnly(1998, 8, 2)));

        var orderKeys = lineItems.Int64("l_orderkey");
        var shipDates = lineItems.Date("l_shipdate");
        var commitDates = lineItems.Date("l_commitdate");
        var receiptDates = lineItems.Date("l_receiptdate");
        for (int row = 0; row < lineItems.RowCount; row++)
        {
            int orderDay = orderDateByKey[orderKeys[row]].DayNumber;
            Assert.InRange(shipDates[row].DayNumber - orderDay, 1, 121);
            Assert.InRange(commitDates[row].DayNumber - orderDay, 30, 90);
            Assert.InRange(receiptDates[row].DayNumber - shipDates[row].DayNumber, 1, 30);
        }
        Assert.True(receiptDates.Max() <= new DateOnly(1998, 12, 31));
    }

    [Fact]
    public async Task LineItem_PricesQuantitiesAndSuppliersFollowTheSpecification()
    {
        var lineItems = await ReadAsync(TpchTable.LineItem);
        var partKeys = lineItems.Int32("l_partkey");
        var suppKeys = lineItems.Int32("l_suppkey");
        var quantities = lineItems.Decimal("l_quantity");
        var extendedPrices = lineItems.Decimal("l_extendedprice");
        var discounts = lineItems.Decimal("l_discount");
        var taxes = lineItems.Decimal("l_tax");
        for (int row = 0; row < lineItems.RowCount; row++)
        {
            Assert.InRange(partKeys[row], 1, Parts);
            Assert.Contains(suppKeys[row], Enumerable.Range(0, 4).Select(i => SpecificationSuppKey(partKeys[row], i)));
            Assert.InRange(quantities[row], 1m, 50m);
            Assert.Equal(decimal.Truncate(quantities[row]), quantities[row]);
            Assert.Equal(quantities[row] * SpecificationRetailPrice(partKeys[row]), extendedPrices[row]);
            Assert.InRange(discounts[row], 0.00m, 0.10m);
            Assert.InRange(taxes[row], 0.00m, 0.08m);
        }
        Assert.Equal(11, discounts.Distinct().Count());
        Assert.Equal(9, taxes.Distinct().Count());
        Assert.Equal(50, quantities.Distinct().Count());
    }

    [Fact]
    public async Task LineItem_EachOrderHasOneToSevenNumberedLines()
    {
        var lineItems = await ReadAsync(TpchTable.LineItem);
        var orders = await ReadAsync(TpchTable.Orders);
        var linesByOrder = lineItems.Int64("l_orderkey").Zip(lineItems.Int32("l_linenumber"))
            .GroupBy(pair => pair.First, pair => pair.Second)
            .ToDictionary(group => group.Key, group => group.Order().ToArray());
        Assert.Equal(orders.Int64("o_orderkey").Order(), linesByOrder.Keys.Order());
        foreach (var lineNumbers in linesByOrder.Values)
        {
            Assert.InRange(lineNumbers.Length, 1, 7);
            Assert.Equal(Enumerable.Range(1, lineNumbers.Length), lineNumbers);
        }
        Assert.Equal(7, linesByOrder.Values.Max(lines => lines.Length));
    }

    [Fact]
    public async Task Orders_TotalPriceAndStatusAreDerivedFromTheLineItems()
    {
        var orders = await ReadAsync(TpchTable.Orders);
        var lineItems = await ReadAsync(TpchTable.LineItem);
        var orderKeys = lineItems.Int64("l_orderkey");
        var extendedPrices = lineItems.Decimal("l_extendedprice");
        var discounts = lineItems.Decimal("l_discount");
        var taxes = lineItems.Decimal("l_tax");
        var lineStatuses = lineItems.String("l_linestatus");
        var exactTotals = new Dictionary<long, decimal>();
        var statuses = new Dictionary<long, HashSet<string>>();
        for (int row = 0; row < lineItems.RowCount; row++)
        {
            // O_TOTALPRICE = sum(L_EXTENDEDPRICE * (1 + L_TAX) * (1 - L_DISCOUNT)), rounded to cents.
            exactTotals[orderKeys[row]] = exactTotals.GetValueOrDefault(orderKeys[row]) + extendedPrices[row] * (1 + taxes[row]) * (1 - discounts[row]);
            if (!statuses.TryGetValue(orderKeys[row], out var orderLineStatuses))
            {
                orderLineStatuses = [];
                statuses[orderKeys[row]] = orderLineStatuses;
            }
            orderLineStatuses.Add(lineStatuses[row]);
        }

        var keys = orders.Int64("o_orderkey");
        var totalPrices = orders.Decimal("o_totalprice");
        var orderStatuses = orders.String("o_orderstatus");
        for (int row = 0; row < orders.RowCount; row++)
        {
            Assert.Equal(Math.Round(exactTotals[keys[row]], 2, MidpointRounding.AwayFromZero), totalPrices[row]);
            var lineStatusSet = statuses[keys[row]];
            string expectedStatus = lineStatusSet.SetEquals(["F"]) ? "F" : lineStatusSet.SetEquals(["O"]) ? "O" : "P";
            Assert.Equal(expectedStatus, orderStatuses[row]);
        }
        Assert.Equal(["F", "O", "P"], orderStatuses.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Orders_KeysAreSparseAndCustomersWithKeysDivisibleByThreeHaveNoOrders()
    {
        var orders = await ReadAsync(TpchTable.Orders);
        var orderKeys = orders.Int64("o_orderkey");
        Assert.Equal(orderKeys.Length, orderKeys.Distinct().Count());
        Assert.All(orderKeys, key => Assert.True((key - 1) % 32 < 8, $"order key {key} is not among the first 8 of its 32"));
        Assert.Equal(1, orderKeys.Min());
        Assert.Equal((15_000 / 8 - 1) * 32 + 8, orderKeys.Max());

        var custKeys = orders.Int32("o_custkey");
        Assert.All(custKeys, key => Assert.InRange(key, 1, Customers));
        Assert.DoesNotContain(custKeys, key => key % 3 == 0);
        // About 15 orders for each of the 1,000 customers that order: every one of them orders.
        Assert.Equal(Customers - Customers / 3, custKeys.Distinct().Count());

        Assert.All(orders.String("o_clerk"), clerk => Assert.Matches(@"^Clerk#0000000(0[1-9]|10)$", clerk));
        Assert.Equal(
            ["1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW"],
            orders.String("o_orderpriority").Distinct().Order(StringComparer.Ordinal));
        Assert.All(orders.Int32("o_shippriority"), priority => Assert.Equal(0, priority));
    }

    [Fact]
    public async Task PartSupp_SuppliersFollowTheSpecificationFormula()
    {
        var partSupp = await ReadAsync(TpchTable.PartSupp);
        var partKeys = partSupp.Int32("ps_partkey");
        var suppKeys = partSupp.Int32("ps_suppkey");
        for (int row = 0; row < partSupp.RowCount; row++)
        {
            Assert.Equal(row / 4 + 1, partKeys[row]);
            Assert.Equal(SpecificationSuppKey(partKeys[row], row % 4), suppKeys[row]);
        }
        Assert.Equal(partSupp.RowCount, partKeys.Zip(suppKeys).Distinct().Count());
        Assert.All(partSupp.Int32("ps_availqty"), quantity => Assert.InRange(quantity, 1, 9_999));
        Assert.All(partSupp.Decimal("ps_supplycost"), cost => Assert.InRange(cost, 1.00m, 1_000.00m));
    }

    [Theory]
    [InlineData(TpchTable.Supplier, "s_", "Supplier#")]
    [InlineData(TpchTable.Customer, "c_", "Customer#")]
    public async Task SupplierAndCustomer_PhonesNamesAndBalancesFollowTheSpecification(TpchTable table, string prefix, string namePrefix)
    {
        var rows = await ReadAsync(table);
        var keys = rows.Int32(prefix + (table == TpchTable.Supplier ? "suppkey" : "custkey"));
        var names = rows.String(prefix + "name");
        var nationKeys = rows.Int32(prefix + "nationkey");
        var phones = rows.String(prefix + "phone");
        for (int row = 0; row < rows.RowCount; row++)
        {
            Assert.Equal(row + 1, keys[row]);
            Assert.Equal(namePrefix + keys[row].ToString("D9", CultureInfo.InvariantCulture), names[row]);
            Assert.InRange(nationKeys[row], 0, 24);
            Assert.Matches(@"^\d\d-[1-9]\d\d-[1-9]\d\d-[1-9]\d\d\d$", phones[row]);
            Assert.Equal(nationKeys[row] + 10, int.Parse(phones[row][..2], CultureInfo.InvariantCulture));
        }
        Assert.All(rows.Decimal(prefix + "acctbal"), balance => Assert.InRange(balance, -999.99m, 9_999.99m));
        Assert.All(rows.String(prefix + "address"), address => Assert.InRange(address.Length, 10, 40));
        Assert.Equal(25, nationKeys.Distinct().Count());
    }

    [Fact]
    public async Task Supplier_CommentsHoldWhatQ16LooksFor()
    {
        var suppliers = await ReadAsync(TpchTable.Supplier);
        var comments = suppliers.String("s_comment");
        var complaints = comments.Select((comment, row) => (comment, row)).Where(c => Regex.IsMatch(c.comment, "Customer.*Complaints")).ToList();
        var recommends = comments.Select((comment, row) => (comment, row)).Where(c => Regex.IsMatch(c.comment, "Customer.*Recommends")).ToList();
        // SF * 5 of each, at least one.
        Assert.Single(complaints);
        Assert.Single(recommends);
        Assert.NotEqual(complaints[0].row, recommends[0].row);
        Assert.All(comments, comment => Assert.InRange(comment.Length, 25, 100));
    }

    [Fact]
    public async Task Part_ValuesFollowTheSpecification()
    {
        var parts = await ReadAsync(TpchTable.Part);
        var partKeys = parts.Int32("p_partkey");
        var names = parts.String("p_name");
        var manufacturers = parts.String("p_mfgr");
        var brands = parts.String("p_brand");
        var types = parts.String("p_type");
        var containers = parts.String("p_container");
        var retailPrices = parts.Decimal("p_retailprice");
        string[] typeSyllable1 = ["STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO"];
        string[] typeSyllable2 = ["ANODIZED", "BURNISHED", "PLATED", "POLISHED", "BRUSHED"];
        string[] typeSyllable3 = ["TIN", "NICKEL", "BRASS", "STEEL", "COPPER"];
        string[] containerSyllable1 = ["SM", "LG", "MED", "JUMBO", "WRAP"];
        string[] containerSyllable2 = ["CASE", "BOX", "BAG", "JAR", "PKG", "PACK", "CAN", "DRUM"];
        for (int row = 0; row < parts.RowCount; row++)
        {
            Assert.Equal(row + 1, partKeys[row]);
            var words = names[row].Split(' ');
            Assert.Equal(5, words.Length);
            Assert.Equal(5, words.Distinct().Count());
            Assert.All(words, word => Assert.Matches("^[a-z]+$", word));
            Assert.Matches("^Manufacturer#[1-5]$", manufacturers[row]);
            Assert.Matches("^Brand#[1-5][1-5]$", brands[row]);
            Assert.Equal(manufacturers[row][^1], brands[row][^2]);
            var type = types[row].Split(' ');
            Assert.Equal(3, type.Length);
            Assert.Contains(type[0], typeSyllable1);
            Assert.Contains(type[1], typeSyllable2);
            Assert.Contains(type[2], typeSyllable3);
            var container = containers[row].Split(' ');
            Assert.Equal(2, container.Length);
            Assert.Contains(container[0], containerSyllable1);
            Assert.Contains(container[1], containerSyllable2);
            Assert.Equal(SpecificationRetailPrice(partKeys[row]), retailPrices[row]);
        }
        Assert.Equal(92, names.SelectMany(name => name.Split(' ')).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 50), parts.Int32("p_size").Distinct().Order());
        Assert.Equal(150, types.Distinct().Count());
        Assert.Equal(40, containers.Distinct().Count());
        Assert.All(parts.String("p_comment"), comment => Assert.InRange(comment.Length, 5, 22));
    }

    [Fact]
    public async Task NationAndRegion_AreTheSpecificationsFixedRows()
    {
        var regions = await ReadAsync(TpchTable.Region);
        Assert.Equal([0, 1, 2, 3, 4], regions.Int32("r_regionkey"));
        Assert.Equal(["AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"], regions.String("r_name"));

        var nations = await ReadAsync(TpchTable.Nation);
        string[] expectedNames =
        [
            "ALGERIA", "ARGENTINA", "BRAZIL", "CANADA", "EGYPT", "ETHIOPIA", "FRANCE", "GERMANY", "INDIA", "INDONESIA", "IRAN",
            "IRAQ", "JAPAN", "JORDAN", "KENYA", "MOROCCO", "MOZAMBIQUE", "PERU", "CHINA", "ROMANIA", "SAUDI ARABIA", "VIETNAM",
            "RUSSIA", "UNITED KINGDOM", "UNITED STATES",
        ];
        int[] expectedRegions = [0, 1, 1, 1, 4, 0, 3, 3, 2, 2, 4, 4, 2, 4, 0, 0, 0, 1, 2, 3, 4, 2, 3, 3, 1];
        Assert.Equal(Enumerable.Range(0, 25), nations.Int32("n_nationkey"));
        Assert.Equal(expectedNames, nations.String("n_name"));
        Assert.Equal(expectedRegions, nations.Int32("n_regionkey"));
        Assert.All(nations.String("n_comment"), comment => Assert.InRange(comment.Length, 31, 114));
    }

    [Fact]
    public async Task Text_HoldsWhatTheQueriesSearchFor()
    {
        var orders = await ReadAsync(TpchTable.Orders);
        var orderComments = orders.String("o_comment");
        Assert.All(orderComments, comment => Assert.InRange(comment.Length, 19, 78));
        // Q13 removes orders whose comment matches '%special%requests%': some must, most must not.
        int special = orderComments.Count(comment => Regex.IsMatch(comment, "special.*requests"));
        Assert.InRange(special, 1, orderComments.Length / 10);

        // Q9 looks for '%green%' anywhere in P_NAME, Q20 for names starting with 'forest'.
        var partNames = (await ReadAsync(TpchTable.Part)).String("p_name");
        Assert.InRange(partNames.Count(name => name.Contains("green", StringComparison.Ordinal)), 50, 200);
        Assert.InRange(partNames.Count(name => name.StartsWith("forest", StringComparison.Ordinal)), 5, 50);

        // Q22's country codes are nations 3, 7, 8, 13, 19, 20, 21 (+ 10).
        var phones = (await ReadAsync(TpchTable.Customer)).String("c_phone");
        foreach (string code in new[] { "13", "31", "23", "29", "30", "18", "17" })
        {
            Assert.Contains(phones, phone => phone.StartsWith(code + "-", StringComparison.Ordinal));
        }

        var lineComments = (await ReadAsync(TpchTable.LineItem)).String("l_comment");
        Assert.All(lineComments, comment => Assert.InRange(comment.Length, 10, 43));
        Assert.All((await ReadAsync(TpchTable.PartSupp)).String("ps_comment"), comment => Assert.InRange(comment.Length, 49, 198));
    }

    /// <summary>Specification 4.2.3: PS_SUPPKEY = (ps_partkey + (i * ((S/4) + (int)(ps_partkey-1)/S))) modulo S + 1.</summary>
    private static int SpecificationSuppKey(int partKey, int i) => (partKey + i * (Suppliers / 4 + (partKey - 1) / Suppliers)) % Suppliers + 1;

    /// <summary>Specification 4.2.3: P_RETAILPRICE = (90000 + ((P_PARTKEY/10) modulo 20001) + 100 * (P_PARTKEY modulo 1000)) / 100.</summary>
    private static decimal SpecificationRetailPrice(int partKey) => (90_000 + partKey / 10 % 20_001 + 100 * (partKey % 1_000)) / 100m;

    private Task<TableColumns> ReadAsync(TpchTable table) => TableColumns.ReadTableAsync(dataset.Root, table);
}
