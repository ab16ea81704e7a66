using System.Collections.Frozen;

namespace Federation.Sql.Lexing;

/// <summary>The spelling and category of every <see cref="Keyword"/>, and the case-insensitive lookup the lexer uses.</summary>
internal static class KeywordTable
{
    /// <summary>Longest keyword; longer words are not looked up at all.</summary>
    public const int MaxLength = 17;

    private static readonly Entry[] Entries =
    [
        new("add", Keyword.Add, KeywordCategory.Unreserved),
        new("all", Keyword.All, KeywordCategory.Reserved),
        new("alter", Keyword.Alter, KeywordCategory.Unreserved),
        new("analyse", Keyword.Analyse, KeywordCategory.Reserved),
        new("analyze", Keyword.Analyze, KeywordCategory.Reserved),
        new("and", Keyword.And, KeywordCategory.Reserved),
        new("any", Keyword.Any, KeywordCategory.Reserved),
        new("array", Keyword.Array, KeywordCategory.Reserved),
        new("as", Keyword.As, KeywordCategory.Reserved),
        new("asc", Keyword.Asc, KeywordCategory.Reserved),
        new("asymmetric", Keyword.Asymmetric, KeywordCategory.Reserved),
        new("at", Keyword.At, KeywordCategory.Unreserved),
        new("authorization", Keyword.Authorization, KeywordCategory.TypeOrFunctionName),
        new("auto", Keyword.Auto, KeywordCategory.Unreserved),
        new("avro", Keyword.Avro, KeywordCategory.Unreserved),
        new("backup", Keyword.Backup, KeywordCategory.Unreserved),
        new("between", Keyword.Between, KeywordCategory.Unreserved),
        new("binary", Keyword.Binary, KeywordCategory.TypeOrFunctionName),
        new("both", Keyword.Both, KeywordCategory.Reserved),
        new("by", Keyword.By, KeywordCategory.Unreserved),
        new("cascade", Keyword.Cascade, KeywordCategory.Unreserved),
        new("case", Keyword.Case, KeywordCategory.Reserved),
        new("cast", Keyword.Cast, KeywordCategory.Reserved),
        new("catalog", Keyword.Catalog, KeywordCategory.Unreserved),
        new("catalog_id", Keyword.CatalogId, KeywordCategory.Unreserved),
        new("catalog_role", Keyword.CatalogRole, KeywordCategory.Unreserved),
        new("char", Keyword.Char, KeywordCategory.Unreserved),
        new("character", Keyword.Character, KeywordCategory.Unreserved),
        new("check", Keyword.Check, KeywordCategory.Reserved),
        new("collate", Keyword.Collate, KeywordCategory.Reserved),
        new("collation", Keyword.Collation, KeywordCategory.TypeOrFunctionName),
        new("collection", Keyword.Collection, KeywordCategory.Unreserved),
        new("column", Keyword.Column, KeywordCategory.Reserved),
        new("compound", Keyword.Compound, KeywordCategory.Unreserved),
        new("concurrently", Keyword.Concurrently, KeywordCategory.TypeOrFunctionName),
        new("constraint", Keyword.Constraint, KeywordCategory.Reserved),
        new("create", Keyword.Create, KeywordCategory.Reserved),
        new("cross", Keyword.Cross, KeywordCategory.TypeOrFunctionName),
        new("current", Keyword.Current, KeywordCategory.Unreserved),
        new("current_catalog", Keyword.CurrentCatalog, KeywordCategory.Reserved),
        new("current_date", Keyword.CurrentDate, KeywordCategory.Reserved),
        new("current_role", Keyword.CurrentRole, KeywordCategory.Reserved),
        new("current_schema", Keyword.CurrentSchema, KeywordCategory.TypeOrFunctionName),
        new("current_time", Keyword.CurrentTime, KeywordCategory.Reserved),
        new("current_timestamp", Keyword.CurrentTimestamp, KeywordCategory.Reserved),
        new("current_user", Keyword.CurrentUser, KeywordCategory.Reserved),
        new("data", Keyword.Data, KeywordCategory.Unreserved),
        new("database", Keyword.Database, KeywordCategory.Unreserved),
        new("day", Keyword.Day, KeywordCategory.Unreserved),
        new("default", Keyword.Default, KeywordCategory.Reserved),
        new("deferrable", Keyword.Deferrable, KeywordCategory.Reserved),
        new("defined", Keyword.Defined, KeywordCategory.Unreserved),
        new("delimited", Keyword.Delimited, KeywordCategory.Unreserved),
        new("desc", Keyword.Desc, KeywordCategory.Reserved),
        new("distinct", Keyword.Distinct, KeywordCategory.Reserved),
        new("distkey", Keyword.Distkey, KeywordCategory.Unreserved),
        new("diststyle", Keyword.Diststyle, KeywordCategory.Unreserved),
        new("do", Keyword.Do, KeywordCategory.Reserved),
        new("double", Keyword.Double, KeywordCategory.Unreserved),
        new("drop", Keyword.Drop, KeywordCategory.Unreserved),
        new("else", Keyword.Else, KeywordCategory.Reserved),
        new("encode", Keyword.Encode, KeywordCategory.Unreserved),
        new("end", Keyword.End, KeywordCategory.Reserved),
        new("escape", Keyword.Escape, KeywordCategory.Unreserved),
        new("escaped", Keyword.Escaped, KeywordCategory.Unreserved),
        new("except", Keyword.Except, KeywordCategory.Reserved),
        new("exclude", Keyword.Exclude, KeywordCategory.Unreserved),
        new("exists", Keyword.Exists, KeywordCategory.Unreserved),
        new("explain", Keyword.Explain, KeywordCategory.Unreserved),
        new("external", Keyword.External, KeywordCategory.Unreserved),
        new("extract", Keyword.Extract, KeywordCategory.Unreserved),
        new("false", Keyword.False, KeywordCategory.Reserved),
        new("fetch", Keyword.Fetch, KeywordCategory.Reserved),
        new("fields", Keyword.Fields, KeywordCategory.Unreserved),
        new("filter", Keyword.Filter, KeywordCategory.Unreserved),
        new("first", Keyword.First, KeywordCategory.Unreserved),
        new("following", Keyword.Following, KeywordCategory.Unreserved),
        new("for", Keyword.For, KeywordCategory.Reserved),
        new("foreign", Keyword.Foreign, KeywordCategory.Reserved),
        new("format", Keyword.Format, KeywordCategory.Unreserved),
        new("freeze", Keyword.Freeze, KeywordCategory.TypeOrFunctionName),
        new("from", Keyword.From, KeywordCategory.Reserved),
        new("full", Keyword.Full, KeywordCategory.TypeOrFunctionName),
        new("grant", Keyword.Grant, KeywordCategory.Reserved),
        new("group", Keyword.Group, KeywordCategory.Reserved),
        new("groups", Keyword.Groups, KeywordCategory.Unreserved),
        new("having", Keyword.Having, KeywordCategory.Reserved),
        new("hive", Keyword.Hive, KeywordCategory.Unreserved),
        new("hour", Keyword.Hour, KeywordCategory.Unreserved),
        new("iam_role", Keyword.IamRole, KeywordCategory.Unreserved),
        new("if", Keyword.If, KeywordCategory.Unreserved),
        new("ilike", Keyword.Ilike, KeywordCategory.TypeOrFunctionName),
        new("in", Keyword.In, KeywordCategory.Reserved),
        new("initially", Keyword.Initially, KeywordCategory.Reserved),
        new("inner", Keyword.Inner, KeywordCategory.TypeOrFunctionName),
        new("inputformat", Keyword.Inputformat, KeywordCategory.Unreserved),
        new("insert", Keyword.Insert, KeywordCategory.Unreserved),
        new("interleaved", Keyword.Interleaved, KeywordCategory.Unreserved),
        new("intersect", Keyword.Intersect, KeywordCategory.Reserved),
        new("interval", Keyword.Interval, KeywordCategory.Unreserved),
        new("into", Keyword.Into, KeywordCategory.Reserved),
        new("is", Keyword.Is, KeywordCategory.TypeOrFunctionName),
        new("isnull", Keyword.Isnull, KeywordCategory.TypeOrFunctionName),
        new("items", Keyword.Items, KeywordCategory.Unreserved),
        new("join", Keyword.Join, KeywordCategory.TypeOrFunctionName),
        new("json", Keyword.Json, KeywordCategory.Unreserved),
        new("keys", Keyword.Keys, KeywordCategory.Unreserved),
        new("last", Keyword.Last, KeywordCategory.Unreserved),
        new("lateral", Keyword.Lateral, KeywordCategory.Reserved),
        new("leading", Keyword.Leading, KeywordCategory.Reserved),
        new("left", Keyword.Left, KeywordCategory.TypeOrFunctionName),
        new("like", Keyword.Like, KeywordCategory.TypeOrFunctionName),
        new("limit", Keyword.Limit, KeywordCategory.Reserved),
        new("lines", Keyword.Lines, KeywordCategory.Unreserved),
        new("local", Keyword.Local, KeywordCategory.Unreserved),
        new("localtime", Keyword.Localtime, KeywordCategory.Reserved),
        new("localtimestamp", Keyword.Localtimestamp, KeywordCategory.Reserved),
        new("location", Keyword.Location, KeywordCategory.Unreserved),
        new("map", Keyword.Map, KeywordCategory.Unreserved),
        new("materialized", Keyword.Materialized, KeywordCategory.Unreserved),
        new("metastore", Keyword.Metastore, KeywordCategory.Unreserved),
        new("minute", Keyword.Minute, KeywordCategory.Unreserved),
        new("month", Keyword.Month, KeywordCategory.Unreserved),
        new("msck", Keyword.Msck, KeywordCategory.Unreserved),
        new("natural", Keyword.Natural, KeywordCategory.TypeOrFunctionName),
        new("next", Keyword.Next, KeywordCategory.Unreserved),
        new("no", Keyword.No, KeywordCategory.Unreserved),
        new("not", Keyword.Not, KeywordCategory.Reserved),
        new("notnull", Keyword.Notnull, KeywordCategory.TypeOrFunctionName),
        new("null", Keyword.Null, KeywordCategory.Reserved),
        new("nulls", Keyword.Nulls, KeywordCategory.Unreserved),
        new("off", Keyword.Off, KeywordCategory.Unreserved),
        new("offset", Keyword.Offset, KeywordCategory.Reserved),
        new("on", Keyword.On, KeywordCategory.Reserved),
        new("only", Keyword.Only, KeywordCategory.Reserved),
        new("or", Keyword.Or, KeywordCategory.Reserved),
        new("orc", Keyword.Orc, KeywordCategory.Unreserved),
        new("order", Keyword.Order, KeywordCategory.Reserved),
        new("outer", Keyword.Outer, KeywordCategory.TypeOrFunctionName),
        new("outputformat", Keyword.Outputformat, KeywordCategory.Unreserved),
        new("over", Keyword.Over, KeywordCategory.Unreserved),
        new("overlaps", Keyword.Overlaps, KeywordCategory.TypeOrFunctionName),
        new("parquet", Keyword.Parquet, KeywordCategory.Unreserved),
        new("partition", Keyword.Partition, KeywordCategory.Unreserved),
        new("partitioned", Keyword.Partitioned, KeywordCategory.Unreserved),
        new("partitions", Keyword.Partitions, KeywordCategory.Unreserved),
        new("placing", Keyword.Placing, KeywordCategory.Reserved),
        new("port", Keyword.Port, KeywordCategory.Unreserved),
        new("position", Keyword.Position, KeywordCategory.Unreserved),
        new("preceding", Keyword.Preceding, KeywordCategory.Unreserved),
        new("precision", Keyword.Precision, KeywordCategory.Unreserved),
        new("primary", Keyword.Primary, KeywordCategory.Reserved),
        new("properties", Keyword.Properties, KeywordCategory.Unreserved),
        new("range", Keyword.Range, KeywordCategory.Unreserved),
        new("rcfile", Keyword.Rcfile, KeywordCategory.Unreserved),
        new("recover", Keyword.Recover, KeywordCategory.Unreserved),
        new("recursive", Keyword.Recursive, KeywordCategory.Unreserved),
        new("references", Keyword.References, KeywordCategory.Reserved),
        new("refresh", Keyword.Refresh, KeywordCategory.Unreserved),
        new("region", Keyword.Region, KeywordCategory.Unreserved),
        new("repair", Keyword.Repair, KeywordCategory.Unreserved),
        new("reset", Keyword.Reset, KeywordCategory.Unreserved),
        new("restrict", Keyword.Restrict, KeywordCategory.Unreserved),
        new("returning", Keyword.Returning, KeywordCategory.Reserved),
        new("right", Keyword.Right, KeywordCategory.TypeOrFunctionName),
        new("row", Keyword.Row, KeywordCategory.Unreserved),
        new("rows", Keyword.Rows, KeywordCategory.Unreserved),
        new("schema", Keyword.Schema, KeywordCategory.Unreserved),
        new("second", Keyword.Second, KeywordCategory.Unreserved),
        new("select", Keyword.Select, KeywordCategory.Reserved),
        new("sequencefile", Keyword.Sequencefile, KeywordCategory.Unreserved),
        new("serde", Keyword.Serde, KeywordCategory.Unreserved),
        new("serdeproperties", Keyword.Serdeproperties, KeywordCategory.Unreserved),
        new("session", Keyword.Session, KeywordCategory.Unreserved),
        new("session_user", Keyword.SessionUser, KeywordCategory.Reserved),
        new("set", Keyword.Set, KeywordCategory.Unreserved),
        new("show", Keyword.Show, KeywordCategory.Unreserved),
        new("similar", Keyword.Similar, KeywordCategory.TypeOrFunctionName),
        new("some", Keyword.Some, KeywordCategory.Reserved),
        new("sortkey", Keyword.Sortkey, KeywordCategory.Unreserved),
        new("stored", Keyword.Stored, KeywordCategory.Unreserved),
        new("substring", Keyword.Substring, KeywordCategory.Unreserved),
        new("symmetric", Keyword.Symmetric, KeywordCategory.Reserved),
        new("sysdate", Keyword.Sysdate, KeywordCategory.Reserved),
        new("system_user", Keyword.SystemUser, KeywordCategory.Reserved),
        new("table", Keyword.Table, KeywordCategory.Reserved),
        new("tablesample", Keyword.Tablesample, KeywordCategory.TypeOrFunctionName),
        new("temp", Keyword.Temp, KeywordCategory.Unreserved),
        new("temporary", Keyword.Temporary, KeywordCategory.Unreserved),
        new("terminated", Keyword.Terminated, KeywordCategory.Unreserved),
        new("textfile", Keyword.Textfile, KeywordCategory.Unreserved),
        new("then", Keyword.Then, KeywordCategory.Reserved),
        new("ties", Keyword.Ties, KeywordCategory.Unreserved),
        new("time", Keyword.Time, KeywordCategory.Unreserved),
        new("timestamp", Keyword.Timestamp, KeywordCategory.Unreserved),
        new("to", Keyword.To, KeywordCategory.Reserved),
        new("top", Keyword.Top, KeywordCategory.Unreserved),
        new("trailing", Keyword.Trailing, KeywordCategory.Reserved),
        new("trim", Keyword.Trim, KeywordCategory.Unreserved),
        new("true", Keyword.True, KeywordCategory.Reserved),
        new("truncate", Keyword.Truncate, KeywordCategory.Unreserved),
        new("try_cast", Keyword.TryCast, KeywordCategory.Unreserved),
        new("unbounded", Keyword.Unbounded, KeywordCategory.Unreserved),
        new("union", Keyword.Union, KeywordCategory.Reserved),
        new("unique", Keyword.Unique, KeywordCategory.Reserved),
        new("unknown", Keyword.Unknown, KeywordCategory.Unreserved),
        new("uri", Keyword.Uri, KeywordCategory.Unreserved),
        new("user", Keyword.User, KeywordCategory.Reserved),
        new("using", Keyword.Using, KeywordCategory.Reserved),
        new("values", Keyword.Values, KeywordCategory.Unreserved),
        new("variadic", Keyword.Variadic, KeywordCategory.Reserved),
        new("varying", Keyword.Varying, KeywordCategory.Unreserved),
        new("verbose", Keyword.Verbose, KeywordCategory.TypeOrFunctionName),
        new("when", Keyword.When, KeywordCategory.Reserved),
        new("where", Keyword.Where, KeywordCategory.Reserved),
        new("window", Keyword.Window, KeywordCategory.Reserved),
        new("with", Keyword.With, KeywordCategory.Reserved),
        new("within", Keyword.Within, KeywordCategory.Unreserved),
        new("without", Keyword.Without, KeywordCategory.Unreserved),
        new("year", Keyword.Year, KeywordCategory.Unreserved),
        new("yes", Keyword.Yes, KeywordCategory.Unreserved),
        new("zone", Keyword.Zone, KeywordCategory.Unreserved),
    ];

    private static readonly string[] Texts = BuildTexts();
    private static readonly KeywordCategory[] Categories = BuildCategories();

    private static readonly FrozenDictionary<string, Keyword>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Entries.ToFrozenDictionary(e => e.Text, e => e.Keyword, StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The keyword spelled by <paramref name="word"/> in any case, or <see cref="Keyword.None"/>.</summary>
    public static Keyword Find(ReadOnlySpan<char> word) =>
        word.Length <= MaxLength && Lookup.TryGetValue(word, out var keyword) ? keyword : Keyword.None;

    /// <summary>The lower-case spelling of a keyword.</summary>
    public static string TextOf(Keyword keyword) => Texts[(int)keyword];

    public static KeywordCategory CategoryOf(Keyword keyword) => Categories[(int)keyword];

    private static string[] BuildTexts()
    {
        var texts = new string[Enum.GetValues<Keyword>().Length];
        texts[(int)Keyword.None] = "";
        foreach (var entry in Entries)
        {
            texts[(int)entry.Keyword] = entry.Text;
        }

        return texts;
    }

    private static KeywordCategory[] BuildCategories()
    {
        var categories = new KeywordCategory[Enum.GetValues<Keyword>().Length];
        foreach (var entry in Entries)
        {
            categories[(int)entry.Keyword] = entry.Category;
        }

        return categories;
    }

    private readonly record struct Entry(string Text, Keyword Keyword, KeywordCategory Category);
}
