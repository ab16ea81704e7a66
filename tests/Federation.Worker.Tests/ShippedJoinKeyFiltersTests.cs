using System.Text;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Logical;
using Federation.Physical.Pruning;

namespace Federation.Worker.Tests;

/// <summary>
/// A hash join's build keys turned into the filters a fragment carries to a worker: the range, the small set, NULLs
/// kept only where NULL matches NULL, nothing where the types differ or their order is not the kernels' own.
/// </summary>
public sealed class ShippedJoinKeyFiltersTests
{
    private static readonly PlanColumn OrderKey = new(7, "l_orderkey", SqlType.Int64, true);

    [Fact]
    public void Keys_become_their_range_and_their_set_and_null_keys_match_nothing()
    {
        var keys = Summarize(Fixed<long>(SqlType.Int64, 7, 1, 3, null, 3), SqlType.Int64);
        Assert.Equal(["l_orderkey >= 1", "l_orderkey <= 7", "l_orderkey IN (1, 3, 7)"], Shipped(keys, OrderKey));
    }

    [Fact]
    public void One_distinct_key_is_an_equality()
    {
        var keys = Summarize(Fixed<long>(SqlType.Int64, 5, 5, null), SqlType.Int64);
        Assert.Equal(["l_orderkey = 5"], Shipped(keys, OrderKey));
    }

    [Fact]
    public void Past_the_distinct_bound_only_the_range_travels()
    {
        var many = new long?[JoinKeySummary.MaxDistinctValues + 1];
        for (var i = 0; i < many.Length; i++)
        {
            many[i] = 10 + (i * 3L);
        }

        var keys = Summarize(Fixed(SqlType.Int64, many), SqlType.Int64);
        Assert.Null(keys.Values);
        Assert.Equal(["l_orderkey >= 10", $"l_orderkey <= {10 + (JoinKeySummary.MaxDistinctValues * 3)}"], Shipped(keys, OrderKey));

        var bound = Summarize(Fixed(SqlType.Int64, many[..JoinKeySummary.MaxDistinctValues]), SqlType.Int64);
        Assert.Equal(JoinKeySummary.MaxDistinctValues, bound.Values!.Count);
        Assert.Equal(3, Shipped(bound, OrderKey).Count);
    }

    [Fact]
    public void Null_safe_keys_keep_null_probe_keys_only_when_the_build_side_has_a_null()
    {
        var withNull = Summarize(Fixed<long>(SqlType.Int64, 2, null, 4), SqlType.Int64, nullsMatch: true);
        Assert.Equal(["l_orderkey >= 2 AND l_orderkey <= 4 AND l_orderkey IN (2, 4) OR l_orderkey IS NULL"], Shipped(withNull, OrderKey));

        var withoutNull = Summarize(Fixed<long>(SqlType.Int64, 2, 4), SqlType.Int64, nullsMatch: true);
        Assert.Equal(["l_orderkey >= 2", "l_orderkey <= 4", "l_orderkey IN (2, 4)"], Shipped(withoutNull, OrderKey));

        var onlyNull = Summarize(Fixed<long>(SqlType.Int64, null, null), SqlType.Int64, nullsMatch: true);
        Assert.Equal(["l_orderkey IS NULL"], Shipped(onlyNull, OrderKey));
    }

    [Fact]
    public void An_empty_build_side_or_only_null_keys_ship_nothing()
    {
        // The join returns nothing and does not read its probe side: there is nothing to gain.
        Assert.Empty(Shipped(Summarize(Fixed<long>(SqlType.Int64), SqlType.Int64), OrderKey));
        Assert.Empty(Shipped(Summarize(Fixed(SqlType.Int64, new long?[] { null }), SqlType.Int64), OrderKey));
    }

    [Fact]
    public void Strings_are_ordered_by_their_utf8_bytes_and_take_the_probe_columns_type()
    {
        // UTF-16 puts the emoji (a surrogate pair) before U+FFFD; UTF-8, which the kernels compare, after it.
        var keys = Summarize(Strings("MAIL", "AIR", "\uFFFD", "😀", "AIR", null), SqlType.String);
        var mode = new PlanColumn(3, "l_shipmode", SqlType.Varchar(10), true);
        var filters = JoinKeyFiltersFor(keys, mode);
        Assert.Equal(["l_shipmode >= 'AIR'", "l_shipmode <= '😀'", "l_shipmode IN ('AIR', 'MAIL', '\uFFFD', '😀')"], filters.ConvertAll(f => f.ToString()));
        Assert.All(filters[..2], f => Assert.Equal(SqlType.Varchar(10), ((Federation.Logical.Expressions.Literal)((Federation.Logical.Expressions.BinaryExpr)f).Right).Type));
    }

    [Fact]
    public void Dates_and_decimals_ship_as_literals_of_their_type()
    {
        var dates = Summarize(Fixed<int>(SqlType.Date, 9204, 9500, 9204), SqlType.Date);
        var shipdate = new PlanColumn(11, "l_shipdate", SqlType.Date, true);
        Assert.Equal(["l_shipdate >= DATE '1995-03-15'", "l_shipdate <= DATE '1996-01-05'", "l_shipdate IN (DATE '1995-03-15', DATE '1996-01-05')"],
            Shipped(dates, shipdate));

        var money = SqlType.Decimal(15, 2);
        var quantities = Summarize(Fixed<Int128>(money, 250, 100, -5), money);
        var quantity = new PlanColumn(5, "l_quantity", money, true);
        Assert.Equal(["l_quantity >= -0.05", "l_quantity <= 2.50", "l_quantity IN (-0.05, 1.00, 2.50)"], Shipped(quantities, quantity));
    }

    [Fact]
    public void Nothing_ships_when_the_types_differ_or_do_not_order_alike()
    {
        // Another decimal scale or width, another integer width: a literal of the build type would compare differently.
        var money = Summarize(Fixed<Int128>(SqlType.Decimal(15, 2), 100), SqlType.Decimal(15, 2));
        Assert.Empty(Shipped(money, new PlanColumn(5, "q", SqlType.Decimal(12, 2), true)));
        Assert.Empty(Shipped(Summarize(Fixed<int>(SqlType.Int32, 1, 2), SqlType.Int32), OrderKey));

        // Floating point (NaN, -0) and CHAR (padding) are left to the join.
        var doubles = Summarize(Fixed<double>(SqlType.Float64, 1.5, 2.5), SqlType.Float64);
        Assert.False(doubles.Summarized);
        Assert.Empty(Shipped(doubles, new PlanColumn(1, "f", SqlType.Float64, true)));
        var chars = Summarize(Strings("a", "b"), SqlType.Char(3));
        Assert.Empty(Shipped(chars, new PlanColumn(1, "c", SqlType.Char(3), true)));
    }

    [Fact]
    public void A_slot_summarizes_its_keys_once_and_only_once_published()
    {
        var slot = new JoinKeySlot();
        var runs = 0;
        var keys = Fixed<long>(SqlType.Int64, 1, 2);
        Assert.Null(slot.Summary);
        slot.Publish(Physical.Hashing.JoinHashTable.Build([keys], [SqlType.Int64], 2, false), () =>
        {
            Interlocked.Increment(ref runs);
            return JoinKeySummary.Compute([keys], [SqlType.Int64], 2, false);
        });
        Parallel.For(0, 8, _ => Assert.NotNull(slot.Summary));
        Assert.Equal(1, runs);
        Assert.Equal(ScalarValue.Int64(2), slot.Summary!.Columns[0].Max);
    }

    private static JoinKeyColumnSummary Summarize(IArrowArray keys, SqlType type, bool nullsMatch = false) =>
        JoinKeySummary.Compute([keys], [type], keys.Length, nullsMatch).Columns[0];

    private static List<string> Shipped(JoinKeyColumnSummary keys, PlanColumn column) => JoinKeyFiltersFor(keys, column).ConvertAll(f => f.ToString());

    private static List<Federation.Logical.Expressions.Expr> JoinKeyFiltersFor(JoinKeyColumnSummary keys, PlanColumn column) =>
        [.. ShippedJoinKeyFilters.For(keys, column)];

    private static IArrowArray Fixed<T>(SqlType type, params T?[] values)
        where T : unmanaged
    {
        var buffer = ArrayFactory.AllocateValues<T>(values.Length);
        var target = ArrayFactory.ValuesOf<T>(buffer);
        var validity = Bitmap.AllClear(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            target[i] = values[i] ?? default;
            if (values[i] is not null)
            {
                Bitmap.Set(validity, i);
            }
        }

        return ArrayFactory.Fixed(type, buffer, values.Length, validity);
    }

    private static IArrowArray Strings(params string?[] values)
    {
        var builder = new StringArray.Builder();
        foreach (var value in values)
        {
            if (value is null)
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(value, Encoding.UTF8);
            }
        }

        return builder.Build();
    }
}
