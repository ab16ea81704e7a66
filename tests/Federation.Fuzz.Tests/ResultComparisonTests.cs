namespace Federation.Fuzz.Tests;

/// <summary>The fuzzer's comparison with DuckDB: what it takes for the same answer and what it must still report.</summary>
public sealed class ResultComparisonTests
{
    private static List<string?[]> Rows(params string?[] values) => values.Select(v => new[] { v }).ToList();

    [Fact]
    public void A_decimal_DuckDB_kept_fewer_digits_of_is_the_same_answer()
    {
        Assert.Null(ResultComparison.AgainstDuckDb(Rows("-12.345000", "1.500000"), Rows("-12", "2"), ["DECIMAL(38,0)"]));
    }

    [Fact]
    public void A_decimal_that_does_not_round_to_DuckDBs_value_is_a_difference()
    {
        Assert.NotNull(ResultComparison.AgainstDuckDb(Rows("-12.600000"), Rows("-12"), ["DECIMAL(38,0)"]));
    }

    [Fact]
    public void A_double_with_fewer_digits_is_compared_within_its_tolerance_only()
    {
        Assert.NotNull(ResultComparison.AgainstDuckDb(Rows("2.54"), Rows("2.5"), ["DOUBLE"]));
        Assert.Null(ResultComparison.AgainstDuckDb(Rows("0.0502060693"), Rows("0.05020606928412706"), ["DOUBLE"]));
    }

    [Fact]
    public void Federation_keeping_fewer_digits_than_DuckDB_is_a_difference()
    {
        Assert.NotNull(ResultComparison.AgainstDuckDb(Rows("-12"), Rows("-12.345"), ["DECIMAL(38,3)"]));
    }
}
