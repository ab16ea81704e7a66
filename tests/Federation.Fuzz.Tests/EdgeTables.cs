using System.Globalization;
using System.Text;

namespace Federation.Fuzz.Tests;

/// <summary>
/// Two small tables in the manner of the SQL corpora (sqlsmith's, SQLancer's): every column holds NULLs and the
/// values at its type's edges (integers at their minimum and maximum, decimals at 38 digits, doubles NaN, ±Infinity,
/// -0.0 and the largest and smallest magnitudes, empty and multibyte strings, dates and timestamps at year 1 and
/// 9999), spread so that rows mix them. The script is plain SQL that both engines run as it is.
/// </summary>
public static class EdgeTables
{
    private static readonly string?[] Ints = [null, "0", "1", "-1", "2147483647", "-2147483648", "42", "7", "-7", "100", "2"];
    private static readonly string?[] BigInts = [null, "0", "9223372036854775807", "-9223372036854775808", "1", "-1", "4294967296", "123456789012", "42"];
    private static readonly string?[] Decimals =
    [
        null, "0", "9999999999999999999999999999.9999999999", "-9999999999999999999999999999.9999999999", "0.0000000001", "1.5", "-2.5",
        "12345.6789", "1", "-0.0000000001",
    ];

    private static readonly string?[] Doubles =
    [
        null, "0", "-0", "NaN", "Infinity", "-Infinity", "1.7976931348623157e308", "-1.7976931348623157e308", "5e-324", "1.5", "-2.25", "0.1", "42",
    ];

    private static readonly string?[] Texts =
    [
        null, "", " ", "a", "A", "abc", "ABC", "é", "a%b", "z_", "NULL", "hello world", "日本語", new string('x', 100), "42", "abc ",
    ];

    private static readonly string?[] Dates = [null, "0001-01-01", "1969-12-31", "1970-01-01", "2000-02-29", "1992-01-01", "1998-12-31", "9999-12-31", "1995-06-17"];

    private static readonly string?[] Timestamps =
    [
        null, "0001-01-01 00:00:00", "1969-12-31 23:59:59.999999", "1970-01-01 00:00:00", "2024-02-29 12:34:56.789", "9999-12-31 23:59:59.999999",
        "1995-06-17 08:00:00", "1992-01-01 00:00:00",
    ];

    private static readonly string?[] Bools = [null, "true", "false"];

    public static IReadOnlyList<FuzzTable> Tables { get; } =
    [
        new FuzzTable("edge_a",
        [
            new FuzzColumn("id", FuzzType.Int), new FuzzColumn("i", FuzzType.Int), new FuzzColumn("b", FuzzType.BigInt),
            new FuzzColumn("d", FuzzType.Decimal), new FuzzColumn("f", FuzzType.Double), new FuzzColumn("t", FuzzType.Text),
            new FuzzColumn("dt", FuzzType.Date), new FuzzColumn("ts", FuzzType.Timestamp), new FuzzColumn("bo", FuzzType.Bool),
        ], Small: true, Keys: []),
        new FuzzTable("edge_b",
        [
            new FuzzColumn("id", FuzzType.Int), new FuzzColumn("i", FuzzType.Int), new FuzzColumn("d", FuzzType.Decimal),
            new FuzzColumn("f", FuzzType.Double), new FuzzColumn("t", FuzzType.Text), new FuzzColumn("dt", FuzzType.Date),
        ], Small: true, Keys: [("i", "edge_a", "i"), ("id", "nation", "n_nationkey")]),
    ];

    /// <summary>CREATE TABLE and INSERT statements, one statement each, that build both tables.</summary>
    public static IReadOnlyList<string> Script()
    {
        var statements = new List<string>
        {
            "CREATE TABLE edge_a (id INTEGER, i INTEGER, b BIGINT, d DECIMAL(38,10), f FLOAT8, t VARCHAR, dt DATE, ts TIMESTAMP, bo BOOLEAN)",
            "CREATE TABLE edge_b (id INTEGER, i INTEGER, d DECIMAL(38,10), f FLOAT8, t VARCHAR, dt DATE)",
        };
        statements.Add(Insert("edge_a", 26, row =>
        [
            Literal(row.ToString(CultureInfo.InvariantCulture), "INTEGER"), Literal(Pick(Ints, row, 1, 0), "INTEGER"),
            Literal(Pick(BigInts, row, 2, 1), "BIGINT"), Literal(Pick(Decimals, row, 3, 2), "DECIMAL(38,10)"),
            Literal(Pick(Doubles, row, 1, 3), "FLOAT8"), Literal(Pick(Texts, row, 1, 4), "VARCHAR"), Literal(Pick(Dates, row, 2, 5), "DATE"),
            Literal(Pick(Timestamps, row, 3, 6), "TIMESTAMP"), Literal(Pick(Bools, row, 1, 7), "BOOLEAN"),
        ]));
        statements.Add(Insert("edge_b", 12, row =>
        [
            Literal(row.ToString(CultureInfo.InvariantCulture), "INTEGER"), Literal(Pick(Ints, row, 3, 4), "INTEGER"),
            Literal(Pick(Decimals, row, 1, 5), "DECIMAL(38,10)"), Literal(Pick(Doubles, row, 5, 2), "FLOAT8"),
            Literal(Pick(Texts, row, 3, 1), "VARCHAR"), Literal(Pick(Dates, row, 1, 3), "DATE"),
        ]));
        return statements;
    }

    /// <summary>Value number (row * step + offset) of a list: different steps and offsets mix the columns' edges across rows.</summary>
    private static string? Pick(string?[] values, int row, int step, int offset) => values[((row * step) + offset) % values.Length];

    private static string Literal(string? value, string type) =>
        value is null ? $"CAST(NULL AS {type})" : $"CAST('{value.Replace("'", "''", StringComparison.Ordinal)}' AS {type})";

    private static string Insert(string table, int rows, Func<int, string[]> row)
    {
        var sql = new StringBuilder($"INSERT INTO {table} VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? string.Empty : ", ").Append('(').AppendJoin(", ", row(r)).Append(')');
        }

        return sql.ToString();
    }
}
