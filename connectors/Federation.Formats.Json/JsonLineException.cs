namespace Federation.Formats.Json;

/// <summary>A line that is not a JSON object the table can read; the scan names the object and the line.</summary>
internal sealed class JsonLineException(string reason) : Exception(reason);
