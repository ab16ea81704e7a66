using System.Globalization;
using System.Text;

namespace Federation.Storage;

/// <summary>
/// How many requests an object store tried again, by <see cref="StorageRetryKind"/>; thread-safe, since a query reads
/// from several threads. A request retried twice counts twice.
/// </summary>
public sealed class StorageRetryCounters
{
    private static readonly StorageRetryKind[] Kinds = Enum.GetValues<StorageRetryKind>();

    private readonly long[] _counts = new long[Kinds.Length];

    public long this[StorageRetryKind kind] => Interlocked.Read(ref _counts[(int)kind]);

    /// <summary>Every retry, of any kind.</summary>
    public long Total
    {
        get
        {
            long total = 0;
            foreach (var kind in Kinds)
            {
                total += this[kind];
            }

            return total;
        }
    }

    public void Count(StorageRetryKind kind) => Interlocked.Increment(ref _counts[(int)kind]);

    /// <summary>The snake_case name a kind has in metrics: throttled, server_error, connection_failed, truncated_response, timed_out.</summary>
    public static string NameOf(StorageRetryKind kind) => kind switch
    {
        StorageRetryKind.Throttled => "throttled",
        StorageRetryKind.ServerError => "server_error",
        StorageRetryKind.ConnectionFailed => "connection_failed",
        StorageRetryKind.TruncatedResponse => "truncated_response",
        _ => "timed_out",
    };

    public override string ToString()
    {
        var text = new StringBuilder().Append("retries=").Append(Total.ToString(CultureInfo.InvariantCulture)).Append(" (");
        for (var i = 0; i < Kinds.Length; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ").Append(NameOf(Kinds[i])).Append('=').Append(this[Kinds[i]].ToString(CultureInfo.InvariantCulture));
        }

        return text.Append(')').ToString();
    }
}
