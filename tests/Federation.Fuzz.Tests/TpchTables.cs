namespace Federation.Fuzz.Tests;

/// <summary>The TPC-H tables as the generator sees them (every column, with its foreign keys); region, nation and supplier are small.</summary>
public static class TpchTables
{
    private static FuzzColumn I(string name) => new(name, FuzzType.Int);

    private static FuzzColumn L(string name) => new(name, FuzzType.BigInt);

    private static FuzzColumn M(string name) => new(name, FuzzType.Decimal);

    private static FuzzColumn T(string name) => new(name, FuzzType.Text);

    private static FuzzColumn D(string name) => new(name, FuzzType.Date);

    public static IReadOnlyList<FuzzTable> Tables { get; } =
    [
        new FuzzTable("region", [I("r_regionkey"), T("r_name"), T("r_comment")], Small: true, Keys: []),
        new FuzzTable("nation", [I("n_nationkey"), T("n_name"), I("n_regionkey"), T("n_comment")], Small: true,
            Keys: [("n_regionkey", "region", "r_regionkey")]),
        new FuzzTable("supplier", [I("s_suppkey"), T("s_name"), T("s_address"), I("s_nationkey"), T("s_phone"), M("s_acctbal"), T("s_comment")],
            Small: true, Keys: [("s_nationkey", "nation", "n_nationkey")]),
        new FuzzTable("customer", [I("c_custkey"), T("c_name"), T("c_address"), I("c_nationkey"), T("c_phone"), M("c_acctbal"), T("c_mktsegment"), T("c_comment")],
            Small: false, Keys: [("c_nationkey", "nation", "n_nationkey")]),
        new FuzzTable("part", [I("p_partkey"), T("p_name"), T("p_mfgr"), T("p_brand"), T("p_type"), I("p_size"), T("p_container"), M("p_retailprice"), T("p_comment")],
            Small: false, Keys: []),
        new FuzzTable("partsupp", [I("ps_partkey"), I("ps_suppkey"), I("ps_availqty"), M("ps_supplycost"), T("ps_comment")], Small: false,
            Keys: [("ps_partkey", "part", "p_partkey"), ("ps_suppkey", "supplier", "s_suppkey")]),
        new FuzzTable("orders", [L("o_orderkey"), I("o_custkey"), T("o_orderstatus"), M("o_totalprice"), D("o_orderdate"), T("o_orderpriority"), T("o_clerk"), I("o_shippriority"), T("o_comment")],
            Small: false, Keys: [("o_custkey", "customer", "c_custkey")]),
        new FuzzTable("lineitem",
        [
            L("l_orderkey"), I("l_partkey"), I("l_suppkey"), I("l_linenumber"), M("l_quantity"), M("l_extendedprice"), M("l_discount"), M("l_tax"),
            T("l_returnflag"), T("l_linestatus"), D("l_shipdate"), D("l_commitdate"), D("l_receiptdate"), T("l_shipinstruct"), T("l_shipmode"), T("l_comment"),
        ], Small: false, Keys: [("l_orderkey", "orders", "o_orderkey"), ("l_partkey", "part", "p_partkey"), ("l_suppkey", "supplier", "s_suppkey")]),
    ];
}
