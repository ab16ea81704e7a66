using Federation.Common;
using Federation.Execution;
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

    /// <summary>Rows the fragment skipped under spectrum_query_maxerror.</summary>
    public const string BadRowsSkipped = "bad_rows_skipped";

    /// <summary>Values and rows the fragment's scan handled instead of failing, skipped rows included.</summary>
    public const string BadValuesHandled = "bad_values_handled";

    /// <summary>The first of what the scan handled (<see cref="ScanErrors.KeptRecords"/> at most), for SVL_SPECTRUM_SCAN_ERROR.</summary>
    public IReadOnlyList<ScanErrorRecord> ScanErrors { get; init; } = [];

    public long this[string counter] => Counters.GetValueOrDefault(counter);

    public byte[] ToBytes()
    {
        var message = new Proto.FragmentMetrics();
        foreach (var (name, value) in Counters)
        {
            message.Counters[name] = value;
        }

        foreach (var error in ScanErrors)
        {
            var proto = new Proto.ScanError
            {
                Location = error.Location,
                RowId = error.RowId,
                Column = error.Column,
                OriginalValue = error.OriginalValue,
                Trigger = error.Trigger,
                Action = error.Action,
                ErrorCode = (int)error.ErrorCode,
            };
            if (error.ModifiedValue is { } modified)
            {
                proto.ModifiedValue = modified;
            }

            if (error.ActionValue is { } actionValue)
            {
                proto.ActionValue = actionValue;
            }

            message.ScanErrors.Add(proto);
        }

        return message.ToByteArray();
    }

    public static FragmentMetrics FromBytes(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var message = Proto.FragmentMetrics.Parser.ParseFrom(bytes);
            var errors = new ScanErrorRecord[message.ScanErrors.Count];
            for (var i = 0; i < errors.Length; i++)
            {
                var e = message.ScanErrors[i];
                errors[i] = new ScanErrorRecord(e.Location, e.RowId, e.Column, e.OriginalValue, e.HasModifiedValue ? e.ModifiedValue : null, e.Trigger, e.Action,
                    e.HasActionValue ? e.ActionValue : null, (ScanErrorCode)e.ErrorCode);
            }

            return new FragmentMetrics(new Dictionary<string, long>(message.Counters, StringComparer.Ordinal)) { ScanErrors = errors };
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new FederationException(ErrorCode.InvalidArgument, "malformed fragment metrics from a worker: " + e.Message);
        }
    }
}
