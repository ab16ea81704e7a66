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
    public static FederationException Read(string path, Exception cause, ObjectInputStream? input = null) => Read(path, cause, null, input);

    /// <summary>As <see cref="Read(string, Exception, ObjectInputStream?)"/>, naming the columns and row groups the native reader was decoding.</summary>
    public static FederationException Read(string path, Exception cause, string? reading, ObjectInputStream? input)
    {
        if (input?.Failure is { } store)
        {
            return new(store.Code, store.Message, store);
        }

        var message = Clean(cause.Message);
        var code = message.StartsWith("NotImplemented", StringComparison.Ordinal) ? ErrorCode.NotSupported : ErrorCode.CorruptObject;
        var where = reading is null ? string.Empty : ", in " + reading;
        return new(code, $"cannot read Parquet file {path}: {message}{where}{Hint(cause.Message)}", cause);
    }

    /// <summary>What the native reader's terse words for a corrupt file mean for the user.</summary>
    private static string Hint(string message)
    {
        if (message.Contains("CRC checksum verification failed", StringComparison.Ordinal))
        {
            return " (a page's bytes do not match the checksum its writer stored: the file is corrupt; SET parquet_verify_checksums = off reads it unchecked)";
        }

        if (message.Contains("columns do not have the same size", StringComparison.Ordinal))
        {
            return " (its pages hold different numbers of rows in different columns of one row group: the file is corrupt)";
        }

        return string.Empty;
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
