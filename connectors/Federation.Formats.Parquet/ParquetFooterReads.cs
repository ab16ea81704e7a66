namespace Federation.Formats.Parquet;

/// <summary>How a scan's footers were found: in <see cref="ParquetFooterCache"/>, or read from the store.</summary>
public readonly record struct ParquetFooterReads(int CacheHits, int CacheMisses);
