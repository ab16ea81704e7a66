using System.Globalization;

namespace Federation.Fuzz.Tests;

/// <summary>
/// How many statements to run and from which seed: a bounded run by default (what CI runs), longer ones by hand
/// through FED_FUZZ_STATEMENTS (cases are generated until that many statements have run; a case runs one to four)
/// and FED_FUZZ_SEED; FED_FUZZ_CASE runs one case of the seed alone (to reproduce a failure) and
/// FED_FUZZ_TIMEOUT_SECONDS is how long one statement may take before it counts as hung.
/// </summary>
public sealed record FuzzSettings(int Statements, int Seed, int? OnlyCase, TimeSpan StatementTimeout)
{
    public const int DefaultStatements = 500;
    public const int DefaultSeed = 20261202;

    public static FuzzSettings FromEnvironment() => new(
        Number("FED_FUZZ_STATEMENTS") ?? DefaultStatements,
        Number("FED_FUZZ_SEED") ?? DefaultSeed,
        Number("FED_FUZZ_CASE"),
        TimeSpan.FromSeconds(Number("FED_FUZZ_TIMEOUT_SECONDS") ?? 60));

    private static int? Number(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : null;
}
