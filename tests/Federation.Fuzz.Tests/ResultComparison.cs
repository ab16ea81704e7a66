using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;

namespace Federation.Fuzz.Tests;

/// <summary>
/// Compares answers as multisets of rows. Within Federation (the TLP checks) values compare as rendered. Against
/// DuckDB, values are first normalised from either engine's text: integers compare exactly, a column holding any
/// non-integral number compares its numbers within a relative 1e-6 (decimal scales, AVG as numeric or double and
/// float printing differ between the engines), NaN and infinities by name, timestamps without trailing zeros of
/// their fraction, everything else as text.
/// </summary>
public static partial class ResultComparison
{
    private const int Shown = 8;

    /// <summary>Null when both hold the same rows (as multisets, or as sets with <paramref name="asSets"/>); else what differs.</summary>
    public static string? Exact(IReadOnlyList<string?[]> expected, IReadOnlyList<string?[]> actual, bool asSets)
    {
        var left = Lines(expected, asSets);
        var right = Lines(actual, asSets);
        return left.SequenceEqual(right, StringComparer.Ordinal) ? null : Describe(left, right);
    }

    private static List<string> Lines(IReadOnlyList<string?[]> rows, bool distinct)
    {
        IEnumerable<string> lines = rows.Select(r => string.Join("\t", r.Select(v => v ?? "NULL")));
        if (distinct)
        {
            lines = lines.Distinct(StringComparer.Ordinal);
        }

        return lines.Order(StringComparer.Ordinal).ToList();
    }

    private static string Describe(List<string> expected, List<string> actual)
    {
        var missing = Minus(expected, actual);
        var extra = Minus(actual, expected);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{expected.Count} rows against {actual.Count}; only in the first ({missing.Count}):\n");
        foreach (var line in missing.Take(Shown))
        {
            sb.Append("  ").Append(line).Append('\n');
        }

        sb.Append(CultureInfo.InvariantCulture, $"only in the second ({extra.Count}):\n");
        foreach (var line in extra.Take(Shown))
        {
            sb.Append("  ").Append(line).Append('\n');
        }

        return sb.ToString();
    }

    private static List<string> Minus(List<string> a, List<string> b)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in b)
        {
            counts[line] = counts.GetValueOrDefault(line) + 1;
        }

        var result = new List<string>();
        foreach (var line in a)
        {
            if (counts.TryGetValue(line, out var n) && n > 0)
            {
                counts[line] = n - 1;
            }
            else
            {
                result.Add(line);
            }
        }

        return result;
    }

    /// <summary>Null when Federation's rows equal DuckDB's as multisets after normalisation; else what differs.</summary>
    public static string? AgainstDuckDb(IReadOnlyList<string?[]> federation, IReadOnlyList<string?[]> duckDb)
    {
        var columns = federation.Count > 0 ? federation[0].Length : duckDb.Count > 0 ? duckDb[0].Length : 0;
        if (federation.Count > 0 && duckDb.Count > 0 && federation[0].Length != duckDb[0].Length)
        {
            return $"{federation[0].Length} columns against DuckDB's {duckDb[0].Length}";
        }

        var approximate = new bool[columns];
        foreach (var row in federation.Concat(duckDb))
        {
            for (var c = 0; c < columns; c++)
            {
                approximate[c] |= row[c] is { } v && !IsInteger(v) && Number(v) is not null;
            }
        }

        var left = Normalise(federation, approximate);
        var right = Normalise(duckDb, approximate);
        if (left.Count != right.Count)
        {
            return $"{federation.Count} rows against DuckDB's {duckDb.Count}\n" + Describe(Show(federation), Show(duckDb));
        }

        for (var i = 0; i < left.Count; i++)
        {
            if (left[i].Key != right[i].Key || !Close(left[i].Numbers, right[i].Numbers))
            {
                return "rows differ from DuckDB's\n" + Describe(Show(federation), Show(duckDb));
            }
        }

        return null;
    }

    private static List<string> Show(IReadOnlyList<string?[]> rows) => Lines(rows, distinct: false);

    private static List<(string Key, double[] Numbers)> Normalise(IReadOnlyList<string?[]> rows, bool[] approximate)
    {
        var result = new List<(string Key, double[] Numbers)>(rows.Count);
        foreach (var row in rows)
        {
            var key = new StringBuilder();
            var numbers = new List<double>();
            for (var c = 0; c < row.Length; c++)
            {
                var value = row[c];
                key.Append('\u0001');
                if (value is null)
                {
                    key.Append("NULL");
                }
                else if (approximate[c] && Number(value) is { } number)
                {
                    if (double.IsFinite(number))
                    {
                        key.Append('~');
                        numbers.Add(number);
                    }
                    else
                    {
                        key.Append(double.IsNaN(number) ? "NaN" : number > 0 ? "+Inf" : "-Inf");
                    }
                }
                else
                {
                    key.Append(Canonical(value));
                }
            }

            result.Add((key.ToString(), numbers.ToArray()));
        }

        result.Sort((a, b) =>
        {
            var byKey = string.CompareOrdinal(a.Key, b.Key);
            if (byKey != 0)
            {
                return byKey;
            }

            for (var i = 0; i < a.Numbers.Length; i++)
            {
                var byNumber = a.Numbers[i].CompareTo(b.Numbers[i]);
                if (byNumber != 0)
                {
                    return byNumber;
                }
            }

            return 0;
        });
        return result;
    }

    private static bool Close(double[] a, double[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var scale = Math.Max(1, Math.Max(Math.Abs(a[i]), Math.Abs(b[i])));
            if (Math.Abs(a[i] - b[i]) > 1e-6 * scale)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsInteger(string text) => BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    private static double? Number(string text)
    {
        switch (text)
        {
            case "NaN" or "nan" or "-nan":
                return double.NaN;
            case "Infinity" or "inf" or "+inf" or "infinity":
                return double.PositiveInfinity;
            case "-Infinity" or "-inf" or "-infinity":
                return double.NegativeInfinity;
        }

        return NumberPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>An integer without leading zeros or sign of zero, a timestamp without trailing zeros in its fraction, else the text.</summary>
    private static string Canonical(string text)
    {
        if (BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer.ToString(CultureInfo.InvariantCulture);
        }

        // DuckDB writes a date or timestamp before year 1 as "0001-12-30 (BC) 10:00:00"; PostgreSQL and Federation as "0001-12-30 10:00:00 BC".
        var era = DuckDbBcPattern().Match(text);
        if (era.Success)
        {
            text = era.Groups[1].Value + era.Groups[2].Value + " BC";
        }

        var timestamp = TimestampPattern().Match(text);
        if (timestamp.Success)
        {
            var fraction = timestamp.Groups[2].Value.TrimEnd('0');
            return timestamp.Groups[1].Value + (fraction.Length > 0 ? "." + fraction : string.Empty) + timestamp.Groups[3].Value;
        }

        return text;
    }

    [GeneratedRegex(@"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^(\d{4,}-\d\d-\d\d \d\d:\d\d:\d\d)(?:\.(\d+))?( BC)?$")]
    private static partial Regex TimestampPattern();

    [GeneratedRegex(@"^(\d{4,}-\d\d-\d\d) \(BC\)( \d\d:\d\d:\d\d(?:\.\d+)?)?$")]
    private static partial Regex DuckDbBcPattern();
}
