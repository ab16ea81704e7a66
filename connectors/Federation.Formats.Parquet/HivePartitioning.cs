using System.Globalization;
using Federation.Common.Types;
using Federation.Storage;

namespace Federation.Formats.Parquet;

/// <summary>
/// Finds Hive-style key=value folders in the keys of a table's files, relative to the table's root and separated by
/// '/' (object keys, not file system paths: a value may hold an escaped '/' as %2F). The partition folders are the
/// leading key=value ones; a folder that is not key=value ends them, and whatever sits below it is an ordinary folder.
/// Every file must name the same keys in the same order for them to count as partition columns. Values are typed:
/// all integers → bigint, all ISO dates → date, otherwise text; __HIVE_DEFAULT_PARTITION__ is NULL.
/// </summary>
public static class HivePartitioning
{
    public sealed record Result(IReadOnlyList<(string Name, SqlType Type)> Keys, IReadOnlyList<IReadOnlyList<ScalarValue>> Values);

    private static readonly Result None = new([], []);

    /// <summary>The partition columns of files named by <paramref name="relativeKeys"/>, e.g. "year=2024/month=01/part-0.parquet".</summary>
    public static Result Detect(IReadOnlyList<string> relativeKeys)
    {
        var raw = new List<List<(string Key, string? Value)>>(relativeKeys.Count);
        foreach (var relativeKey in relativeKeys)
        {
            raw.Add(Folders(relativeKey));
        }

        if (raw.Count == 0 || raw[0].Count == 0)
        {
            return None;
        }

        var names = raw[0].Select(p => p.Key).ToArray();
        if (raw.Any(r => !r.Select(p => p.Key).SequenceEqual(names, StringComparer.OrdinalIgnoreCase)))
        {
            return None;
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

    /// <summary>The leading key=value folders of one key (its last part is the file's name, never a folder).</summary>
    private static List<(string Key, string? Value)> Folders(string relativeKey)
    {
        var pairs = new List<(string, string?)>();
        var start = 0;
        while (relativeKey.IndexOf('/', start) is var slash and >= 0)
        {
            var folder = relativeKey.AsSpan(start, slash - start);
            var equals = folder.IndexOf('=');
            if (equals <= 0)
            {
                break;
            }

            pairs.Add((folder[..equals].ToString(), PartitionNames.Unescape(folder[(equals + 1)..].ToString())));
            start = slash + 1;
        }

        return pairs;
    }
}
