using Federation.Catalog.Glue;
using Federation.Catalog.Hive;
using Federation.Catalog.Metastore;

namespace Federation.Catalog.Glue.Tests;

/// <summary>
/// One partition predicate printed in each catalog's grammar: Glue's Expression and Hive's get_partitions_by_filter
/// text, side by side, so that the one printer behind both keeps each dialect's spelling (quotes, IN, AND/OR case, parentheses).
/// </summary>
public sealed class PartitionFilterDialectTests
{
    private static PartitionComparison Eq(string key, string value, bool numeric = false) => new(key, PartitionOperator.Equal, value, numeric);

    private static PartitionComparison Cmp(string key, PartitionOperator op, string value) => new(key, op, value, true);

    public static TheoryData<string, PartitionPredicate, string?, string?> Cases => new()
    {
        { "equality", Eq("day", "42", true), "day = 42", "day = 42" },
        { "text", Eq("Region", "eu"), "region = 'eu'", "Region = \"eu\"" },
        { "every operator", new PartitionAnd([Cmp("a", PartitionOperator.NotEqual, "1"), Cmp("b", PartitionOperator.Less, "2"), Cmp("c", PartitionOperator.LessOrEqual, "3"),
            Cmp("d", PartitionOperator.Greater, "4"), Cmp("e", PartitionOperator.GreaterOrEqual, "-5")]),
            "a <> 1 AND b < 2 AND c <= 3 AND d > 4 AND e >= -5", "a <> 1 and b < 2 and c <= 3 and d > 4 and e >= -5" },
        { "in", new PartitionInList("day", ["7", "9"], true), "day IN (7, 9)", "day = 7 or day = 9" },
        { "in of one", new PartitionInList("k", ["x"], false), "k IN ('x')", "k = \"x\"" },
        { "and of or", new PartitionAnd([Eq("region", "eu"), new PartitionOr([Cmp("day", PartitionOperator.Less, "5"), new PartitionInList("day", ["7", "9"], true)])]),
            "region = 'eu' AND (day < 5 OR day IN (7, 9))", "region = \"eu\" and (day < 5 or (day = 7 or day = 9))" },
        { "or of and", new PartitionOr([new PartitionAnd([Cmp("day", PartitionOperator.GreaterOrEqual, "10"), Cmp("day", PartitionOperator.LessOrEqual, "12")]),
            new PartitionInList("day", ["50", "60"], true)]),
            "(day >= 10 AND day <= 12) OR day IN (50, 60)", "(day >= 10 and day <= 12) or (day = 50 or day = 60)" },
        { "and in and", new PartitionAnd([Eq("a", "1", true), new PartitionAnd([Eq("b", "2", true), Eq("c", "3", true)])]), "a = 1 AND (b = 2 AND c = 3)", "a = 1 and b = 2 and c = 3" },
        { "or in or", new PartitionOr([Eq("a", "1", true), new PartitionOr([Eq("b", "2", true), Eq("c", "3", true)])]), "a = 1 OR (b = 2 OR c = 3)", "a = 1 or (b = 2 or c = 3)" },
        { "double quote in text", Eq("note", "say \"hi\""), "note = 'say \"hi\"'", "note = 'say \"hi\"'" },
        { "single quote in text", Eq("note", "it's"), null, "note = \"it's\"" },
        { "both quotes", Eq("note", "both ' and \""), null, null },
        { "numeric key, text value", Eq("day", "x", true), null, null },
        { "key not an identifier", Eq("my key", "1", true), null, null },
        { "one operand unprintable", new PartitionAnd([Eq("a", "1", true), Eq("day", "x", true)]), null, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_dialect_prints_its_own_grammar(string name, PartitionPredicate predicate, string? glue, string? hive)
    {
        Assert.False(string.IsNullOrEmpty(name));
        Assert.Equal(glue, GlueExpression.Render(predicate));
        Assert.Equal(hive, HiveFilterText.Render(predicate));
    }
}
