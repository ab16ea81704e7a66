namespace Federation.Fuzz.Tests;

/// <summary>What one engine answered: rows of values rendered as text (null for NULL), or the error it raised.</summary>
public sealed record QueryAnswer(IReadOnlyList<string?[]>? Rows, string? Error, string? ErrorCode)
{
    public bool Failed => Rows is null;

    public static QueryAnswer Of(IReadOnlyList<string?[]> rows) => new(rows, null, null);

    public static QueryAnswer Of(string error, string code) => new(null, error, code);
}
