namespace Federation.SqlLogic;

/// <summary>The result of running one .slt file.</summary>
public sealed record SltOutcome(string Path, int Passed, IReadOnlyList<string> Failures)
{
    public int Failed => Failures.Count;
}
