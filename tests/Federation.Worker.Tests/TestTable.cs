using Federation.Common.Types;
using Federation.Exchange;
using Federation.Functions;
using Federation.Logical;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Tables;

namespace Federation.Worker.Tests;

/// <summary>
/// A table with a column of every type, a partition column and the two pseudocolumns, scanned whole: the frame the
/// codec tests put expressions and values in.
/// </summary>
internal static class TestTable
{
    public static readonly TableColumn[] Columns =
    [
        new("c_bool", SqlType.Boolean),
        new("c_small", SqlType.Int16),
        new("c_int", SqlType.Int32, Nullable: false),
        new("c_big", SqlType.Int64),
        new("c_real", SqlType.Float32),
        new("c_double", SqlType.Float64),
        new("c_dec", SqlType.Decimal(15, 2)),
        new("c_text", SqlType.String),
        new("c_char", SqlType.Char(3)),
        new("c_varchar", SqlType.Varchar(10)),
        new("c_bin", SqlType.Binary),
        new("c_date", SqlType.Date),
        new("c_ts", SqlType.Timestamp),
        new("c_tstz", SqlType.TimestampTz),
        new("c_interval", SqlType.Interval),
        new("p_region", SqlType.String),
        new("$path", SqlType.String, Hidden: true),
        new("$size", SqlType.Int64, Hidden: true),
    ];

    /// <summary>Every column but the partition column and the pseudocolumns is in the files.</summary>
    public const int DataColumns = 15;

    /// <summary>Scan column i reads table column i and becomes plan column 100 + i.</summary>
    public static readonly ScanColumn[] Scan = Columns.Select((c, i) => new ScanColumn(i, new PlanColumn(100 + i, c.Name, c.Type, c.Nullable))).ToArray();

    public static ColumnRef Column(string name) => new(Scan.Single(s => s.Column.Name == name).Column);

    public static Literal Int(int value) => Literal.Of(ScalarValue.Int32(value));

    public static Literal Text(string value) => Literal.Of(ScalarValue.String(value));

    /// <summary>c_int &gt; 10: the filter the codec tests carry through fragments.</summary>
    public static readonly Expr IntAboveTen = new BinaryExpr(BinaryOp.Greater, Column("c_int"), Int(10), SqlType.Boolean);

    public static ScalarFunctionExpr Call(string name, params Expr[] arguments) =>
        new(FunctionRegistry.Default.FindScalar(name)!.Bind(arguments.Select(a => a.Type).ToArray())!, arguments);

    public static FragmentObject Object(string key, IReadOnlyList<int>? rowGroups = null) =>
        new("s3://lake", key, 4096, "\"0123abcd\"", DateTimeOffset.FromUnixTimeMilliseconds(1_764_662_400_123),
            [ScalarValue.String("emea"), ScalarValue.String("s3://lake/" + key), ScalarValue.Int64(4096)], rowGroups);

    public static ScanFragment Fragment(IReadOnlyList<Expr> filters, long? limit = null, IReadOnlyList<int>? output = null) =>
        new("q42/f7", "sales.orders", "parquet", new Dictionary<string, string> { ["parquet.compression"] = "snappy" }, Columns, DataColumns,
            [Object("warehouse/orders/p_region=emea/part-0.parquet", [0, 2, 5]), Object("warehouse/orders/p_region=emea/part-1.parquet")],
            Scan, output ?? [2, 7, 15, 16], filters, limit, 1_764_662_400_000_000);
}
