using System.Globalization;
using Federation.Common;
using Federation.Common.Types;
using Federation.Logical.Tables;

namespace Federation.Formats.Text;

/// <summary>
/// read_csv's named parameters, with DuckDB's names and defaults: delim (also sep, delimiter) ',', quote '"',
/// escape '"' (a doubled quote), nullstr '' (an empty unquoted value is NULL), header (detected when not given),
/// columns (names and types as SQL, 'id int, name varchar', instead of inference) and sample_size (the records types
/// are inferred from, <see cref="DefaultSampleSize"/> as DuckDB's). A bad value fails naming the parameter.
/// </summary>
public sealed record CsvOptions(byte Delimiter, byte Quote, byte Escape, string NullText, bool? Header, IReadOnlyList<TableColumn>? Columns, int SampleSize)
{
    /// <summary>DuckDB's sample_size default: records read to infer the column types.</summary>
    public const int DefaultSampleSize = 20_480;

    public static readonly IReadOnlyList<string> Parameters = ["delim", "sep", "delimiter", "quote", "escape", "nullstr", "header", "columns", "sample_size"];

    public static CsvOptions From(IReadOnlyDictionary<string, ScalarValue> named)
    {
        var delimiter = (byte)',';
        var quote = (byte)'"';
        byte? escape = null;
        var nullText = "";
        bool? header = null;
        IReadOnlyList<TableColumn>? columns = null;
        var sample = DefaultSampleSize;
        foreach (var (name, value) in named)
        {
            switch (name)
            {
                case "delim" or "sep" or "delimiter":
                    delimiter = Character(name, value);
                    break;
                case "quote":
                    quote = Character(name, value);
                    break;
                case "escape":
                    escape = Character(name, value);
                    break;
                case "nullstr":
                    nullText = Text(name, value);
                    break;
                case "header":
                    header = value.Value switch
                    {
                        bool b => b,
                        string s when bool.TryParse(s, out var b) => b,
                        _ => throw Bad(name, value, "it is not true or false"),
                    };
                    break;
                case "columns":
                    columns = CsvColumnList.Parse(Text(name, value), name);
                    break;
                case "sample_size":
                    sample = value.Value switch
                    {
                        int i when i > 0 => i,
                        long l when l is > 0 and <= int.MaxValue => (int)l,
                        string s when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 => n,
                        _ => throw Bad(name, value, "it is not a positive count of records"),
                    };
                    break;
                default:
                    throw new FederationException(ErrorCode.InvalidArgument, $"read_csv has no parameter {name}; its parameters are {string.Join(", ", Parameters)}");
            }
        }

        if (delimiter == quote)
        {
            throw new FederationException(ErrorCode.InvalidArgument, $"parameter quote of read_csv is the delimiter '{(char)delimiter}': they must differ");
        }

        return new CsvOptions(delimiter, quote, escape ?? quote, nullText, header, columns, sample);
    }

    private static string Text(string name, ScalarValue value) =>
        value.Value as string ?? throw Bad(name, value, "it is not text");

    /// <summary>One single-byte character, or an escape as Hive and DuckDB write them ('\t').</summary>
    private static byte Character(string name, ScalarValue value)
    {
        var text = Text(name, value);
        if (text.Length == 1 && text[0] < 0x80)
        {
            return (byte)text[0];
        }

        if (text.Length == 2 && text[0] == '\\' && text[1] is 't' or 'n' or 'r')
        {
            return text[1] switch { 't' => (byte)'\t', 'n' => (byte)'\n', _ => (byte)'\r' };
        }

        throw Bad(name, value, "it must be one ASCII character");
    }

    private static FederationException Bad(string name, ScalarValue value, string why) =>
        new(ErrorCode.InvalidArgument, $"parameter {name} of read_csv is {(value.Value is string s ? $"'{s}'" : value.Value?.ToString() ?? "NULL")}: {why}");
}
