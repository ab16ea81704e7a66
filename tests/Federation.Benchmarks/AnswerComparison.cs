using System.Globalization;

/// <summary>
/// Compares the two engines' answers cell by cell: numbers to 1e-9 relative (DuckDB answers AVG in doubles, Federation
/// in decimals), everything else as text. Rows in the order the engines gave them: every TPC-H query orders its rows.
/// </summary>
internal static class AnswerComparison
{
    private const double RelativeTolerance = 1e-9;

    /// <summary>The first difference, or null when the answers agree.</summary>
    public static string? FirstDifference(List<List<string>> federation, List<List<string>> duck)
    {
        if (federation.Count != duck.Count)
        {
            return $"Federation answered {federation.Count} rows, DuckDB {duck.Count}";
        }

        for (var r = 0; r < federation.Count; r++)
        {
            if (federation[r].Count != duck[r].Count)
            {
                return $"row {r + 1}: Federation has {federation[r].Count} columns, DuckDB {duck[r].Count}";
            }

            for (var c = 0; c < federation[r].Count; c++)
            {
                if (!Same(federation[r][c], duck[r][c]))
                {
                    return $"row {r + 1} column {c + 1}: Federation {federation[r][c]}, DuckDB {duck[r][c]}";
                }
            }
        }

        return null;
    }

    private static bool Same(string a, string b)
    {
        if (a == b)
        {
            return true;
        }

        if (double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
            && double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
        {
            return Math.Abs(x - y) <= RelativeTolerance * Math.Max(Math.Abs(x), Math.Abs(y));
        }

        return false;
    }
}
