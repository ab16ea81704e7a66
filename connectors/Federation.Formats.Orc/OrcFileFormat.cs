using Federation.Physical;
using Federation.Physical.Files;

namespace Federation.Formats.Orc;

/// <summary>
/// ORC files ("orc": STORED AS ORC, Hive's OrcSerde / OrcInputFormat) as an external table's format. Stripes are the
/// split unit: <see cref="SplitAsync"/> reads an object's tail and cuts its stripes into runs of about the target
/// bytes, which workers read alone; the tails it read serve the scans that follow. Columns match by name, or by
/// position when the table sets orc.force.positional.evolution.
/// </summary>
public sealed class OrcFileFormat : IFileFormat
{
    private readonly OrcTailCache _tails = new();

    public string Name => "orc";

    public Task<PhysicalOperator> CreateScanAsync(FileScanConfig config, CancellationToken cancellationToken)
    {
        var positional = config.FormatProperties.TryGetValue(OrcScanExec.PositionalProperty, out var value)
                         && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        PhysicalOperator scan = new OrcScanExec(config.Table, config.Files, config.TableColumns, config.DataColumns, config.Columns, config.Filters,
            config.Limit, Math.Max(1, config.TargetPartitions), positional, _tails);
        return Task.FromResult(scan);
    }

    public async Task<IReadOnlyList<FileSplit>?> SplitAsync(PartitionedFile file, long targetBytes, CancellationToken cancellationToken)
    {
        if (file.Meta.Size <= targetBytes)
        {
            return null;
        }

        var tail = await _tails.GetAsync(file, cancellationToken).ConfigureAwait(false);
        var stripes = tail.Footer.Stripes;
        if (stripes.Count <= 1)
        {
            return null;
        }

        var splits = new List<FileSplit>();
        var current = new List<int>();
        long bytes = 0;
        for (var s = 0; s < stripes.Count; s++)
        {
            var size = (long)(stripes[s].IndexLength + stripes[s].DataLength + stripes[s].FooterLength);
            if (current.Count > 0 && bytes + size > targetBytes)
            {
                splits.Add(new FileSplit(current, bytes));
                current = [];
                bytes = 0;
            }

            current.Add(s);
            bytes += size;
        }

        splits.Add(new FileSplit(current, bytes));
        return splits.Count <= 1 ? null : splits;
    }
}
