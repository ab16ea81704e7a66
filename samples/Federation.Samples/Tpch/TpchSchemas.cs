using Apache.Arrow;
using Apache.Arrow.Types;

namespace Federation.Samples.Tpch;

/// <summary>
/// The Arrow schemas of the TPC-H tables (specification 1.4), as the generator writes them: keys
/// INTEGER except the order keys (BIGINT), money, quantities, discounts and taxes DECIMAL(15,2),
/// dates DATE, flags and text unpadded strings; every column non-nullable.
/// </summary>
public static class TpchSchemas
{
    public static Schema Region { get; } = Build(
        Int("r_regionkey"), Text("r_name"), Text("r_comment"));

    public static Schema Nation { get; } = Build(
        Int("n_nationkey"), Text("n_name"), Int("n_regionkey"), Text("n_comment"));

    public static Schema Supplier { get; } = Build(
        Int("s_suppkey"), Text("s_name"), Text("s_address"), Int("s_nationkey"), Text("s_phone"), Money("s_acctbal"),
        Text("s_comment"));

    public static Schema Customer { get; } = Build(
        Int("c_custkey"), Text("c_name"), Text("c_address"), Int("c_nationkey"), Text("c_phone"), Money("c_acctbal"),
        Text("c_mktsegment"), Text("c_comment"));

    public static Schema Part { get; } = Build(
        Int("p_partkey"), Text("p_name"), Text("p_mfgr"), Text("p_brand"), Text("p_type"), Int("p_size"),
        Text("p_container"), Money("p_retailprice"), Text("p_comment"));

    public static Schema PartSupp { get; } = Build(
        Int("ps_partkey"), Int("ps_suppkey"), Int("ps_availqty"), Money("ps_supplycost"), Text("ps_comment"));

    public static Schema Orders { get; } = Build(
        BigInt("o_orderkey"), Int("o_custkey"), Text("o_orderstatus"), Money("o_totalprice"), Date("o_orderdate"),
        Text("o_orderpriority"), Text("o_clerk"), Int("o_shippriority"), Text("o_comment"));

    public static Schema LineItem { get; } = Build(
        BigInt("l_orderkey"), Int("l_partkey"), Int("l_suppkey"), Int("l_linenumber"), Money("l_quantity"),
        Money("l_extendedprice"), Money("l_discount"), Money("l_tax"), Text("l_returnflag"), Text("l_linestatus"),
        Date("l_shipdate"), Date("l_commitdate"), Date("l_receiptdate"), Text("l_shipinstruct"), Text("l_shipmode"),
        Text("l_comment"));

    /// <summary>All tables, smallest first.</summary>
    public static IReadOnlyList<TpchTable> Tables { get; } =
    [
        TpchTable.Region, TpchTable.Nation, TpchTable.Supplier, TpchTable.Customer, TpchTable.Part,
        TpchTable.PartSupp, TpchTable.Orders, TpchTable.LineItem,
    ];

    public static Schema For(TpchTable table) => table switch
    {
        TpchTable.Region => Region,
        TpchTable.Nation => Nation,
        TpchTable.Supplier => Supplier,
        TpchTable.Customer => Customer,
        TpchTable.Part => Part,
        TpchTable.PartSupp => PartSupp,
        TpchTable.Orders => Orders,
        TpchTable.LineItem => LineItem,
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, null),
    };

    /// <summary>The specification's lower-case table name, also the table's folder name.</summary>
    public static string TableName(TpchTable table) => table switch
    {
        TpchTable.Region => "region",
        TpchTable.Nation => "nation",
        TpchTable.Supplier => "supplier",
        TpchTable.Customer => "customer",
        TpchTable.Part => "part",
        TpchTable.PartSupp => "partsupp",
        TpchTable.Orders => "orders",
        TpchTable.LineItem => "lineitem",
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, null),
    };

    /// <summary>The Hive partition key of a month-partitioned table, or null for tables that are never partitioned.</summary>
    public static string? MonthPartitionKey(TpchTable table) => table switch
    {
        TpchTable.Orders => "o_ordermonth",
        TpchTable.LineItem => "l_shipmonth",
        _ => null,
    };

    private static Schema Build(params Field[] fields) => new(fields, metadata: null);

    private static Field Int(string name) => new(name, Int32Type.Default, nullable: false);

    private static Field BigInt(string name) => new(name, Int64Type.Default, nullable: false);

    private static Field Money(string name) => new(name, new Decimal128Type(15, 2), nullable: false);

    private static Field Date(string name) => new(name, Date32Type.Default, nullable: false);

    private static Field Text(string name) => new(name, StringType.Default, nullable: false);
}
