namespace Federation.Storage;

/// <summary>
/// Turns the byte ranges a reader needs (column chunks, stripes) into the requests to make: ranges whose gap is
/// under <see cref="ObjectReadOptions.MaxGap"/> merged, none longer than <see cref="ObjectReadOptions.MaxRequestBytes"/>.
/// A gap is read through only when it is no longer than the larger of the two ranges it joins: a round trip saved
/// is worth reading some unneeded bytes, but not mostly unneeded ones (two small columns with a wide one between
/// them are two requests, not one that reads the wide column too).
/// </summary>
public static class RangeCoalescer
{
    public static List<(long Offset, long Length)> Coalesce(IEnumerable<(long Offset, long Length)> ranges, ObjectReadOptions options)
    {
        var sorted = new List<(long Offset, long Length)>();
        foreach (var range in ranges)
        {
            if (range.Length > 0)
            {
                sorted.Add(range);
            }
        }

        sorted.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        var merged = new List<(long Offset, long Length)>();
        foreach (var (offset, length) in sorted)
        {
            if (merged.Count > 0)
            {
                var (lastOffset, lastLength) = merged[^1];
                var lastEnd = lastOffset + lastLength;
                var end = Math.Max(lastEnd, offset + length);
                var gap = offset - lastEnd;
                if (gap < options.MaxGap && gap <= Math.Max(lastLength, length) && end - lastOffset <= options.MaxRequestBytes)
                {
                    merged[^1] = (lastOffset, end - lastOffset);
                    continue;
                }

                if (offset < lastEnd)
                {
                    // Overlapping but too long to merge: read only what the last request does not cover.
                    if (end <= lastEnd)
                    {
                        continue;
                    }

                    Split(merged, lastEnd, end - lastEnd, options.MaxRequestBytes);
                    continue;
                }
            }

            Split(merged, offset, length, options.MaxRequestBytes);
        }

        return merged;
    }

    private static void Split(List<(long Offset, long Length)> requests, long offset, long length, long maxRequest)
    {
        for (var start = offset; start < offset + length; start += maxRequest)
        {
            requests.Add((start, Math.Min(maxRequest, offset + length - start)));
        }
    }
}
