namespace Federation.Logical.Tables;

/// <summary>How a source applies a pushed filter (DataFusion's TableProviderFilterPushDown).</summary>
public enum FilterPushdown
{
    /// <summary>The source cannot use it; the engine filters.</summary>
    Unsupported,

    /// <summary>The source uses it to skip data (files, row groups) but may return rows that fail it; the engine still filters.</summary>
    Inexact,

    /// <summary>The source returns only rows that pass; the engine need not filter again.</summary>
    Exact,
}
