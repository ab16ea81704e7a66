using Federation.Common;

namespace Federation.Formats.Parquet;

/// <summary>Errors that name the object and the cause, as every file error must.</summary>
internal static class ParquetErrors
{
    public static FederationException Read(string path, Exception cause) =>
        new(ErrorCode.ObjectReadError, $"cannot read Parquet file {path}: {Clean(cause.Message)}{Hint(cause.Message)}", cause);

    /// <summary>An error of the native reader while decoding, with the columns and row groups it was reading.</summary>
    public static FederationException Read(string path, Exception cause, string reading) =>
        new(ErrorCode.ObjectReadError, $"cannot read Parquet file {path}: {Clean(cause.Message)}, in {reading}{Hint(cause.Message)}", cause);

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
