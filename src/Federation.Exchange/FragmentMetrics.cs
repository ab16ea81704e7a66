using Federation.Common;
using Google.Protobuf;
using Proto = Federation.Exchange.Protocol;

namespace Federation.Exchange;

/// <summary>
/// What a worker did for one fragment, by counter name: the scan's counters (files_opened, row_groups, requests,
/// bytes_read, ...) plus <see cref="RowsScanned"/> and <see cref="RowsReturned"/>. The worker sends them as the
/// app_metadata of a zero-row batch after the fragment's last batch, so the coordinator can show per scan what each
/// worker read from storage and returned (EXPLAIN ANALYZE, the SVL views). Arrow's C# Flight reader keeps a message's
/// app_metadata only until the next read, so a reader takes it when that batch arrives.
/// </summary>
public sealed record FragmentMetrics(IReadOnlyDictionary<string, long> Counters)
{
    public const string RowsScanned = "rows_scanned";
    public const string RowsReturned = "rows_returned";

    public long this[string counter] => Counters.GetValueOrDefault(counter);

    public byte[] ToBytes()
    {
        var message = new Proto.FragmentMetrics();
        foreach (var (name, value) in Counters)
        {
            message.Counters[name] = value;
        }

        return message.ToByteArray();
    }

    public static FragmentMetrics FromBytes(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return new FragmentMetrics(new Dictionary<string, long>(Proto.FragmentMetrics.Parser.ParseFrom(bytes).Counters, StringComparer.Ordinal));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new FederationException(ErrorCode.InvalidArgument, "malformed fragment metrics from a worker: " + e.Message);
        }
    }
}
