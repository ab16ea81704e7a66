using Federation.Common;

namespace Federation.Formats.Json;

/// <summary>
/// How a table's JSON keys map to its columns, from the SerDe properties Hive's JsonSerDe and OpenX's JsonSerDe read:
/// case.insensitive (default true: keys match column names whatever their case), ignore.malformed.json (default
/// false: a line that is not a JSON object fails the query; true: it reads as a row of NULLs, as OpenX does),
/// dots.in.keys (default false; true: a dot in a key reads as an underscore, so key "a.b" fills column a_b, as OpenX
/// does) and mapping.&lt;column&gt; (the JSON key that column reads, instead of its name).
/// </summary>
public sealed record JsonLayout(bool CaseInsensitive, bool IgnoreMalformed, bool DotsInKeys, IReadOnlyDictionary<string, string> Mappings)
{
    private const string MappingPrefix = "mapping.";

    /// <summary>The layout <paramref name="properties"/> describe.</summary>
    public static JsonLayout From(IReadOnlyDictionary<string, string> properties, string table)
    {
        var caseInsensitive = true;
        var ignoreMalformed = false;
        var dotsInKeys = false;
        var mappings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in properties)
        {
            if (string.Equals(key, "case.insensitive", StringComparison.OrdinalIgnoreCase))
            {
                caseInsensitive = Flag(value, key, table);
            }
            else if (string.Equals(key, "ignore.malformed.json", StringComparison.OrdinalIgnoreCase))
            {
                ignoreMalformed = Flag(value, key, table);
            }
            else if (string.Equals(key, "dots.in.keys", StringComparison.OrdinalIgnoreCase))
            {
                dotsInKeys = Flag(value, key, table);
            }
            else if (key.StartsWith(MappingPrefix, StringComparison.OrdinalIgnoreCase) && key.Length > MappingPrefix.Length)
            {
                mappings[key[MappingPrefix.Length..]] = value;
            }
        }

        return new JsonLayout(caseInsensitive, ignoreMalformed, dotsInKeys, mappings);
    }

    /// <summary>The JSON key column <paramref name="column"/> reads.</summary>
    public string KeyOf(string column) => Mappings.TryGetValue(column, out var key) ? key : column;

    private static bool Flag(string value, string property, string table) => value.Trim().ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => throw new FederationException(ErrorCode.InvalidArgument, $"SerDe property {property} of {table} is '{value}': it is 'true' or 'false'"),
    };
}
