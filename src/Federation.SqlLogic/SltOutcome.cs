namespace Federation.SqlLogic;

/// <summary>The result of running one .slt file.</summary>
/// <param name="Failures">Each failing record as "path:line: what went wrong".</param>
public sealed record SltOutcome(string Path, int Passed, IReadOnlyList<string> Failures)
{
    public int Failed => Failures.Count;

    /// <summary>
    /// With --complete: each record ("path:line") whose expected rows were rewritten from this engine's answer and marked
    /// <see cref="SltRunner.CompletedMark"/>; such a record counts as neither passed nor failed.
    /// </summary>
    public IReadOnlyList<string> Completed { get; init; } = [];
}
