using Federation.Physical.Files;

namespace Federation.Formats.Text;

/// <summary>
/// How line-oriented objects (delimited text, JSON lines) are cut so that several workers read one object: into
/// units of a fixed byte size that a split names by index (as Parquet splits name row groups), runs of consecutive
/// units making one split. A part's records are those that start in its byte range (see <see cref="TextScanUnit"/>).
/// Compressed objects are never cut.
/// </summary>
public static class LineSplits
{
    /// <summary>Runs of consecutive units of about <paramref name="targetBytes"/>; null for compressed objects and objects of one run.</summary>
    public static IReadOnlyList<FileSplit>? Split(PartitionedFile file, long targetBytes, long unitBytes)
    {
        var size = file.Meta.Size;
        if (TextCompression.IsCompressed(file.Meta.Key) || size <= targetBytes)
        {
            return null;
        }

        var units = (int)((size + unitBytes - 1) / unitBytes);
        var perSplit = (int)Math.Max(1, targetBytes / unitBytes);
        if (perSplit >= units)
        {
            return null;
        }

        var splits = new List<FileSplit>();
        for (var first = 0; first < units; first += perSplit)
        {
            var count = Math.Min(perSplit, units - first);
            var indices = new int[count];
            for (var i = 0; i < count; i++)
            {
                indices[i] = first + i;
            }

            var bytes = Math.Min(size, (first + count) * unitBytes) - (first * unitBytes);
            splits.Add(new FileSplit(indices, bytes));
        }

        return splits;
    }

    /// <summary>The parts to read, dealt round-robin to at most <paramref name="targetPartitions"/> partitions.</summary>
    public static List<IReadOnlyList<TextScanUnit>> Assign(IReadOnlyList<PartitionedFile> files, int targetPartitions, long unitBytes)
    {
        var units = new List<TextScanUnit>();
        for (var f = 0; f < files.Count; f++)
        {
            if (files[f].RowGroups is { Count: > 0 } parts)
            {
                // A split names consecutive units of the object (Split above): one byte range.
                var start = parts[0] * unitBytes;
                var end = Math.Min(files[f].Meta.Size, (parts[^1] + 1) * unitBytes);
                units.Add(new TextScanUnit(f, start, end >= files[f].Meta.Size ? null : end));
            }
            else
            {
                units.Add(new TextScanUnit(f, 0, null));
            }
        }

        var count = Math.Max(1, Math.Min(targetPartitions, units.Count));
        var partitions = new List<TextScanUnit>[count];
        for (var p = 0; p < count; p++)
        {
            partitions[p] = [];
        }

        for (var u = 0; u < units.Count; u++)
        {
            partitions[u % count].Add(units[u]);
        }

        return [.. partitions];
    }
}
