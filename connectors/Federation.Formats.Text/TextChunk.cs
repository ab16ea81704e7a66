namespace Federation.Formats.Text;

/// <summary>One window of a part being read (<see cref="LineChunkReader"/>): whole records, decoded as a part is.</summary>
/// <param name="Data">The (decompressed) bytes; those past <paramref name="ValidEnd"/> belong to the next window.</param>
/// <param name="Begin">Where the window's first record starts.</param>
/// <param name="OwnEnd">A record must start before this to be decoded from this window.</param>
/// <param name="ValidEnd">The end of the last record a record starting before <paramref name="OwnEnd"/> reaches.</param>
/// <param name="BaseOffset">The (decompressed) object offset of <paramref name="Data"/>'s first byte.</param>
/// <param name="First">Whether this is the part's first window (where a header or a byte order mark is).</param>
/// <param name="NewBytes">Bytes this window added to what the last one left over.</param>
public sealed record TextChunk(byte[] Data, int Begin, int OwnEnd, int ValidEnd, long BaseOffset, bool First, int NewBytes);
