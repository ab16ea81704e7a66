using System.Globalization;
using System.Text.Json;
using Federation.Common;
using Federation.Common.Types;
using Federation.Logical.Tables;

namespace Federation.Formats.Json;

/// <summary>
/// The columns read_json gives a JSON-lines object, from its first <see cref="SampleLines"/> non-blank lines (as
/// DuckDB samples): one column per top-level key, in the order keys first appear, with the narrowest type every
/// sampled value fits: bigint for integers, double precision once a value has a fraction or exponent, boolean,
/// date and timestamp for strings that all read as such, text otherwise (nested objects and arrays as their JSON
/// text); a key whose sampled values are all null, or of mixed kinds, is text. A line of the sample that is not a
/// JSON object is an error naming the object and the line.
/// </summary>
public static class JsonSchemaInference
{
    /// <summary>The lines sampled.</summary>
    public const int SampleLines = 1000;

    private enum Kind
    {
        Null,
        Integer,
        Double,
        Boolean,
        Date,
        Timestamp,
        Text,
    }

    public static IReadOnlyList<TableColumn> Infer(ReadOnlySpan<byte> data, string path)
    {
        var names = new List<string>();
        var kinds = new Dictionary<string, Kind>(StringComparer.OrdinalIgnoreCase);
        var line = 0;
        var sampled = 0;
        while (!data.IsEmpty && sampled < SampleLines)
        {
            line++;
            var cut = data.IndexOf((byte)'\n');
            var text = cut < 0 ? data : data[..cut];
            data = cut < 0 ? [] : data[(cut + 1)..];
            if (text.IndexOfAnyExcept((byte)' ', (byte)'\t', (byte)'\r') < 0)
            {
                continue;
            }

            sampled++;
            try
            {
                using var document = JsonDocument.Parse(text.ToArray());
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new FederationException(ErrorCode.CorruptObject, $"cannot infer the columns of JSON file {path}: line {line} holds a JSON {document.RootElement.ValueKind}, not an object");
                }

                foreach (var property in document.RootElement.EnumerateObject())
                {
                    var kind = KindOf(property.Value);
                    if (!kinds.TryGetValue(property.Name, out var known))
                    {
                        names.Add(property.Name);
                        kinds[property.Name] = kind;
                    }
                    else
                    {
                        kinds[property.Name] = Merge(known, kind);
                    }
                }
            }
            catch (JsonException e)
            {
                throw new FederationException(ErrorCode.CorruptObject, $"cannot infer the columns of JSON file {path}: line {line} is not JSON ({e.Message})");
            }
        }

        if (names.Count == 0)
        {
            throw new FederationException(ErrorCode.CorruptObject, $"cannot infer the columns of JSON file {path}: it has no JSON object in its first lines");
        }

        return names.Select(n => new TableColumn(n, TypeOf(kinds[n]), true)).ToArray();
    }

    private static Kind KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => Kind.Null,
        JsonValueKind.True or JsonValueKind.False => Kind.Boolean,
        JsonValueKind.Number => value.TryGetInt64(out _) ? Kind.Integer : Kind.Double,
        JsonValueKind.String => StringKind(value.GetString()!),
        _ => Kind.Text,
    };

    private static Kind StringKind(string text)
    {
        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return Kind.Date;
        }

        string[] formats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];
        return text.Length >= 19 && DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? Kind.Timestamp : Kind.Text;
    }

    private static Kind Merge(Kind known, Kind next) => (known, next) switch
    {
        _ when known == next => known,
        (Kind.Null, _) => next,
        (_, Kind.Null) => known,
        (Kind.Integer, Kind.Double) or (Kind.Double, Kind.Integer) => Kind.Double,
        (Kind.Date, Kind.Timestamp) or (Kind.Timestamp, Kind.Date) => Kind.Timestamp,
        _ => Kind.Text,
    };

    private static SqlType TypeOf(Kind kind) => kind switch
    {
        Kind.Integer => SqlType.Int64,
        Kind.Double => SqlType.Float64,
        Kind.Boolean => SqlType.Boolean,
        Kind.Date => SqlType.Date,
        Kind.Timestamp => SqlType.Timestamp,
        _ => SqlType.String,
    };
}
