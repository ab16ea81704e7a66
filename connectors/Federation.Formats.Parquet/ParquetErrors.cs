using Federation.Common;
using Federation.Storage;

namespace Federation.Formats.Parquet;

/// <summary>Errors that name the object and the cause, as every file error must.</summary>
internal static class ParquetErrors
{
    /// <summary>
    /// The reader failed on a file: the store's own error when a read of <paramref name="input"/> failed under the
    /// reader (the object is not to blame), NotSupported for a feature the reader lacks, else a corrupt file.
    /// </summary>
    public static FederationException Read(string path, Exception cause, ObjectInputStream? input = null)
    {
        if (input?.Failure is { } store)
        {
            return new(store.Code, store.Message, store);
        }

        var message = Clean(cause.Message);
        var code = message.StartsWith("NotImplemented", StringComparison.Ordinal) ? ErrorCode.NotSupported : ErrorCode.CorruptObject;
        return new(code, $"cannot read Parquet file {path}: {message}", cause);
    }

    private static string Clean(string message)
    {
        // Native errors arrive as "N7parquet22ParquetStatusExceptionE (message: 'IOError: ...')": keep the message.
        const string marker = "(message: '";
        var start = message.IndexOf(marker, StringComparison.Ordinal);
        if (start >= 0)
        {
            var inner = message[(start + marker.Length)..];
            var end = inner.LastIndexOf('\'');
            message = end > 0 ? inner[..end] : inner;
        }

        var line = message.Split('\n')[0].Trim();
        return line.Length == 0 ? "unknown error" : line;
    }
}
