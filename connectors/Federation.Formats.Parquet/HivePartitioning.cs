using System.Globalization;
using Federation.Common.Types;

namespace Federation.Formats.Parquet;

/// <summary>
/// Finds Hive-style key=value folders between a table's root and its files. Every file must name the same
/// keys in the same order for them to count as partition columns. Values are typed: all integers → bigint,
/// all ISO dates → date, otherwise text; __HIVE_DEFAULT_PARTITION__ is NULL.
/// </summary>
public static class HivePartitioning
{
    public const string DefaultPartition = "__HIVE_DEFAULT_PARTITION__";

    public sealed record Result(IReadOnlyList<(string Name, SqlType Type)> Keys, IReadOnlyList<IReadOnlyList<ScalarValue>> Values);

    public static Result Detect(string root, IReadOnlyList<string> files)
    {
        var raw = new List<List<(string Key, string? Value)>>();
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(root, Path.GetDirectoryName(file)!);
            var parts = relative == "." ? [] : relative.Split(Path.DirectorySeparatorChar);
            var pairs = new List<(string, string?)>();
            foreach (var part in parts)
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    return new Result([], []);
                }

                var value = Uri.UnescapeDataString(part[(eq + 1)..]);
                pairs.Add((part[..eq], value == DefaultPartition ? null : value));
            }

            raw.Add(pairs);
        }

        if (raw.Count == 0 || raw[0].Count == 0)
        {
            return new Result([], []);
        }

        var names = raw[0].Select(p => p.Key).ToArray();
        if (raw.Any(r => !r.Select(p => p.Key).SequenceEqual(names, StringComparer.OrdinalIgnoreCase)))
        {
            return new Result([], []);
        }

        var keys = new List<(string, SqlType)>();
        for (var k = 0; k < names.Length; k++)
        {
            var values = raw.Select(r => r[k].Value).Where(v => v is not null).ToArray();
            SqlType type = values.Length > 0 && values.All(v => long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                ? SqlType.Int64
                : values.Length > 0 && values.All(v => v!.Length == 10 && DateTimeMath.TryParseDate(v, out _)) ? SqlType.Date : SqlType.String;
            keys.Add((names[k], type));
        }

        var typed = raw.Select(r => (IReadOnlyList<ScalarValue>)r.Select((p, k) => p.Value is null
            ? ScalarValue.NullOf(keys[k].Item2)
            : new ScalarValue(keys[k].Item2, ValueParser.Parse(p.Value, keys[k].Item2))).ToArray()).ToArray();
        return new Result(keys, typed);
    }
}
