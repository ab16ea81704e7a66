using System.Globalization;

namespace Federation.Testing;

/// <summary>
/// Compares two results row by row. Numbers compare within a relative 1e-9 (Federation answers AVG and
/// divisions in exact decimals of at least 16 significant digits where DuckDB uses doubles); everything else
/// compares as text.
/// </summary>
public static class ResultComparer
{
    public static string? Difference(IReadOnlyList<object?[]> expected, IReadOnlyList<object?[]> actual)
    {
        if (expected.Count != actual.Count)
        {
            return $"expected {expected.Count} rows, got {actual.Count}";
        }

        for (var r = 0; r < expected.Count; r++)
        {
            if (expected[r].Length != actual[r].Length)
            {
                return $"row {r}: expected {expected[r].Length} columns, got {actual[r].Length}";
            }

            for (var c = 0; c < expected[r].Length; c++)
            {
                if (!Same(expected[r][c], actual[r][c]))
                {
                    return $"row {r} column {c}: expected {Show(expected[r][c])}, got {Show(actual[r][c])}\n  expected row: {string.Join(" | ", expected[r].Select(Show))}\n  actual row:   {string.Join(" | ", actual[r].Select(Show))}";
                }
            }
        }

        return null;
    }

    private static bool Same(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (TryNumber(a, out var x) && TryNumber(b, out var y))
        {
            return x == y || Math.Abs(x - y) <= 1e-9 * Math.Max(Math.Abs(x), Math.Abs(y));
        }

        return Show(a) == Show(b);
    }

    private static bool TryNumber(object value, out double number)
    {
        switch (value)
        {
            case decimal d:
                number = (double)d;
                return true;
            case double d:
                number = d;
                return true;
            case float f:
                number = f;
                return true;
            case long or int or short or byte or sbyte or ulong or uint or ushort:
                number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                return true;
            case System.Numerics.BigInteger big:
                number = (double)big;
                return true;
            default:
                number = 0;
                return false;
        }
    }

    public static string Show(object? value) => value switch
    {
        null => "NULL",
        DateTime dt => dt.TimeOfDay == TimeSpan.Zero ? dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
