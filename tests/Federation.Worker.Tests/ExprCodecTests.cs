using Federation.Common;
using Federation.Common.Types;
using Federation.Exchange;
using Federation.Logical.Expressions;

namespace Federation.Worker.Tests;

/// <summary>
/// Every expression kind a pushed-down filter may hold, and every type of value, survive the fragment codec exactly:
/// the decoded tree equals the original node by node, and values keep their type and representation.
/// </summary>
public sealed class ExprCodecTests
{
    private static readonly Expr CInt = TestTable.Column("c_int");
    private static readonly Expr CText = TestTable.Column("c_text");
    private static readonly Expr CBool = TestTable.Column("c_bool");

    public static TheoryData<string> Kinds() =>
    [
        "column", "untyped string literal", "not", "negate", "is null", "is not null", "in list", "not in list of expressions",
        "like", "not ilike with escape", "regex", "similar to", "cast", "case", "case without else", "function", "stable function",
        "coalesce", "nested",
        .. Enum.GetNames<BinaryOp>().Select(op => "binary " + op),
    ];

    private static Expr Build(string kind) => kind switch
    {
        "column" => new IsNullExpr(CInt, false),
        "untyped string literal" => new BinaryExpr(BinaryOp.Equal, CText, new Literal(ScalarValue.String("2024-01-31")) { IsUntypedString = true }, SqlType.Boolean),
        "not" => new NotExpr(CBool),
        "negate" => new BinaryExpr(BinaryOp.Less, new NegateExpr(TestTable.Column("c_dec")), Literal.Of(ScalarValue.Decimal(-250, 15, 2)), SqlType.Boolean),
        "is null" => new IsNullExpr(TestTable.Column("c_date"), false),
        "is not null" => new IsNullExpr(TestTable.Column("c_bin"), true),
        "in list" => new InListExpr(CInt, [TestTable.Int(1), TestTable.Int(2), Literal.NullOf(SqlType.Int32)], false),
        "not in list of expressions" => new InListExpr(CInt, [new BinaryExpr(BinaryOp.Add, CInt, TestTable.Int(1), SqlType.Int32)], true),
        "like" => new LikeExpr(CText, TestTable.Text("ab%"), null, false, false),
        "not ilike with escape" => new LikeExpr(TestTable.Column("c_varchar"), TestTable.Text("a!%%"), "!", true, true),
        "regex" => new RegexMatchExpr(CText, TestTable.Text("^a.*z$"), true, false, false),
        "similar to" => new RegexMatchExpr(CText, TestTable.Text("(a|b)%"), false, true, true),
        "cast" => new BinaryExpr(BinaryOp.Equal, new CastExpr(CText, SqlType.Date), TestTable.Column("c_date"), SqlType.Boolean),
        "case" => new BinaryExpr(BinaryOp.Equal,
            new CaseExpr([new CaseWhen(new BinaryExpr(BinaryOp.Greater, CInt, TestTable.Int(1), SqlType.Boolean), TestTable.Text("a")), new CaseWhen(CBool, TestTable.Text("b"))],
                Literal.NullOf(SqlType.String), SqlType.String),
            CText, SqlType.Boolean),
        "case without else" => new IsNullExpr(new CaseExpr([new CaseWhen(CBool, new CastExpr(CInt, SqlType.Decimal(10, 2)))], null, SqlType.Decimal(10, 2)), true),
        "function" => new BinaryExpr(BinaryOp.Equal, TestTable.Call("upper", CText), TestTable.Text("X"), SqlType.Boolean),
        "stable function" => new BinaryExpr(BinaryOp.Less, TestTable.Column("c_date"), TestTable.Call("current_date"), SqlType.Boolean),
        "coalesce" => new BinaryExpr(BinaryOp.Greater, TestTable.Call("coalesce", TestTable.Column("c_big"), Literal.Of(ScalarValue.Int64(0))),
            Literal.Of(ScalarValue.Int64(1)), SqlType.Boolean),
        "nested" => new BinaryExpr(BinaryOp.Or,
            new BinaryExpr(BinaryOp.And, new NotExpr(new IsNullExpr(CText, false)), new LikeExpr(TestTable.Call("upper", CText), TestTable.Text("A%"), null, false, false), SqlType.Boolean),
            new InListExpr(TestTable.Call("abs", CInt), [TestTable.Int(3), new NegateExpr(TestTable.Int(4))], false), SqlType.Boolean),
        _ when kind.StartsWith("binary ", StringComparison.Ordinal) => Binary(Enum.Parse<BinaryOp>(kind["binary ".Length..])),
        _ => throw new ArgumentException(kind),
    };

    /// <summary>Each operator in a boolean filter: arithmetic and concatenation under IS NULL, the rest as they are.</summary>
    private static Expr Binary(BinaryOp op) => op switch
    {
        BinaryOp.Add or BinaryOp.Subtract or BinaryOp.Multiply or BinaryOp.Divide or BinaryOp.Modulo =>
            new IsNullExpr(new BinaryExpr(op, CInt, TestTable.Int(3), SqlType.Int32), false),
        BinaryOp.Concat => new IsNullExpr(new BinaryExpr(op, CText, TestTable.Text("x"), SqlType.String), false),
        BinaryOp.And or BinaryOp.Or => new BinaryExpr(op, CBool, new BinaryExpr(BinaryOp.Greater, CInt, TestTable.Int(1), SqlType.Boolean), SqlType.Boolean),
        _ => new BinaryExpr(op, CInt, TestTable.Int(5), SqlType.Boolean),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_expression_kind_round_trips(string kind)
    {
        var filter = Build(kind);

        var decoded = FragmentCodec.Decode(FragmentCodec.Encode(TestTable.Fragment([filter])));

        Assert.True(ShippableFilters.CanShip(filter));
        ExprAssert.Equal(filter, Assert.Single(decoded.Filters));
    }

    public static TheoryData<string> Values() => [.. ValueCases.Keys];

    private static readonly Dictionary<string, ScalarValue> ValueCases = new()
    {
        ["true"] = ScalarValue.Boolean(true),
        ["false"] = ScalarValue.Boolean(false),
        ["smallint min"] = ScalarValue.Int16(short.MinValue),
        ["smallint max"] = ScalarValue.Int16(short.MaxValue),
        ["integer max"] = ScalarValue.Int32(int.MaxValue),
        ["bigint min"] = ScalarValue.Int64(long.MinValue),
        ["real"] = ScalarValue.Float32(-1.5f),
        ["real NaN"] = ScalarValue.Float32(float.NaN),
        ["double"] = ScalarValue.Float64(0.1),
        ["double -infinity"] = ScalarValue.Float64(double.NegativeInfinity),
        ["numeric(38,10)"] = ScalarValue.Decimal(Int128.Parse("-12345678901234567890123456789012345678", System.Globalization.CultureInfo.InvariantCulture), 38, 10),
        ["numeric(15,2)"] = ScalarValue.Decimal(1234567, 15, 2),
        ["text"] = ScalarValue.String("ünïcödé 'quoted' \0 and 🦆"),
        ["empty text"] = ScalarValue.String(string.Empty),
        ["char(3)"] = new ScalarValue(SqlType.Char(3), "ab"),
        ["varchar(10)"] = new ScalarValue(SqlType.Varchar(10), "xyz"),
        ["varbyte"] = new ScalarValue(SqlType.Binary, new byte[] { 0, 1, 127, 128, 255 }),
        ["empty varbyte"] = new ScalarValue(SqlType.Binary, Array.Empty<byte>()),
        ["date before 1970"] = ScalarValue.Date(-1),
        ["timestamp"] = ScalarValue.Timestamp(1_700_000_000_123_456),
        ["timestamptz"] = ScalarValue.TimestampTz(-5),
        ["interval"] = ScalarValue.IntervalValue(new Interval(-14, 3, 5_000_001)),
        ["bare NULL"] = ScalarValue.Null,
        ["NULL boolean"] = ScalarValue.NullOf(SqlType.Boolean),
        ["NULL smallint"] = ScalarValue.NullOf(SqlType.Int16),
        ["NULL bigint"] = ScalarValue.NullOf(SqlType.Int64),
        ["NULL numeric(38,0)"] = ScalarValue.NullOf(SqlType.Decimal(38, 0)),
        ["NULL char(2)"] = ScalarValue.NullOf(SqlType.Char(2)),
        ["NULL varbyte"] = ScalarValue.NullOf(SqlType.Binary),
        ["NULL date"] = ScalarValue.NullOf(SqlType.Date),
        ["NULL timestamptz"] = ScalarValue.NullOf(SqlType.TimestampTz),
        ["NULL interval"] = ScalarValue.NullOf(SqlType.Interval),
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Every_value_round_trips_as_a_literal_and_as_a_partition_value(string name)
    {
        var value = ValueCases[name];
        var fragment = TestTable.Fragment([new IsNullExpr(Literal.Of(value), true)]);
        fragment = fragment with { Objects = [fragment.Objects[0] with { PartitionValues = [value, ScalarValue.String("s3://lake/x"), ScalarValue.Int64(1)] }] };

        var decoded = FragmentCodec.Decode(FragmentCodec.Encode(fragment));

        ExprAssert.Value(value, ((Literal)((IsNullExpr)Assert.Single(decoded.Filters)).Input).Value);
        ExprAssert.Value(value, decoded.Objects[0].PartitionValues[0]);
    }

    [Fact]
    public void Filters_a_worker_cannot_run_stay_on_the_coordinator_and_are_never_encoded()
    {
        var runnable = new BinaryExpr(BinaryOp.Greater, CInt, TestTable.Int(1), SqlType.Boolean);
        var parameter = new BinaryExpr(BinaryOp.Equal, CInt, new ParameterExpr(0, SqlType.Int32), SqlType.Boolean);

        var (shipped, kept) = ShippableFilters.Split([runnable, parameter]);

        Assert.Equal([runnable], shipped);
        Assert.Equal([parameter], kept);
        var error = Assert.Throws<FederationException>(() => FragmentCodec.Encode(TestTable.Fragment([runnable, parameter])));
        Assert.Equal(ErrorCode.NotSupported, error.Code);
        Assert.Contains("cannot be evaluated on a worker", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_filter_that_is_not_deterministic_stays_on_the_coordinator()
    {
        // random() is a built-in every worker has, and a comparison of it codes fine: only its volatility keeps it here.
        var runnable = new BinaryExpr(BinaryOp.Greater, CInt, TestTable.Int(1), SqlType.Boolean);
        var sample = new BinaryExpr(BinaryOp.Less, TestTable.Call("random"), Literal.Of(ScalarValue.Float64(0.5)), SqlType.Boolean);
        var both = new BinaryExpr(BinaryOp.And, runnable, sample, SqlType.Boolean);

        var (shipped, kept) = ShippableFilters.Split([runnable, sample, both]);

        Assert.False(ShippableFilters.CanShip(sample));
        Assert.Equal([runnable], shipped);
        Assert.Equal([sample, both], kept);
    }
}
