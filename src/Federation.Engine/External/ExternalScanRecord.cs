namespace Federation.Engine.External;

/// <summary>What one external scan of one query read: a row of SVL_S3QUERY_SUMMARY and of SVL_S3PARTITION.</summary>
internal sealed record ExternalScanRecord(
    long Query,
    string Table,
    bool Partitioned,
    long ScannedRows,
    long ScannedBytes,
    long ReturnedRows,
    long Files,
    long Requests,
    long PartitionsTotal,
    long PartitionsQualified,
    long PartitionsProjected,
    DateTime Start,
    DateTime End);
