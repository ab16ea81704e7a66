namespace Federation.Catalog.Metastore;

/// <summary>
/// How a table's files are stored, in Hive's terms: the input and output format classes, the SerDe class and its
/// properties, plus <see cref="Format"/>, the format Federation reads them with ("parquet"), resolved once at CREATE time.
/// </summary>
public sealed record MetastoreStorage(
    string Format,
    string? InputFormat,
    string? OutputFormat,
    string? SerdeLibrary,
    IReadOnlyDictionary<string, string> SerdeProperties);
