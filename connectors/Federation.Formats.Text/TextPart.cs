using Federation.Execution;
using Federation.Physical.Files;

namespace Federation.Formats.Text;

/// <summary>The bytes of one object (or of one part of it) being decoded, and where its records are.</summary>
/// <param name="Data">The (decompressed) bytes read.</param>
/// <param name="Begin">Where the part's first record starts in <paramref name="Data"/>.</param>
/// <param name="OwnEnd">A record must start before this to be the part's.</param>
/// <param name="BaseOffset">The object offset of <paramref name="Data"/>'s first byte, for records' row offsets.</param>
/// <param name="CheckValues">Whether the bytes hold invalid UTF-8, so each text value must be checked.</param>
/// <param name="Errors">Where the query's handled values and skipped rows go.</param>
public sealed record TextPart(
    byte[] Data,
    int Begin,
    int OwnEnd,
    long BaseOffset,
    TextScanUnit Unit,
    PartitionedFile File,
    string Path,
    bool CheckValues,
    ScanErrors Errors)
{
    /// <summary>The line number of the first record at <see cref="Begin"/> (a part read in several windows counts on).</summary>
    public long FirstLine { get; init; } = 1;

    /// <summary>Whether these are the part's first bytes, where a header line or a byte order mark may be.</summary>
    public bool First { get; init; } = true;
}
