using Federation.Common;

namespace Federation.Formats.Parquet;

/// <summary>Errors that name the object and the cause, as every file error must.</summary>
internal static class ParquetErrors
{
    public static FederationException Read(string path, Exception cause) =>
        new(ErrorCode.ObjectReadError, $"cannot read Parquet file {path}: {Clean(cause.Message)}", cause);

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
