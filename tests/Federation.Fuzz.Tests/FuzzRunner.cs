using System.Diagnostics;

namespace Federation.Fuzz.Tests;

/// <summary>
/// Runs generated cases and checks each: no crash, hang or internal error on any statement; TLP partitions that add up
/// to the query; and, for portable queries, DuckDB's answer. Every problem is kept with the seed, case number and SQL
/// that reproduce it, and the run goes on, so one run reports all it found.
/// </summary>
public sealed class FuzzRunner
{
    private const int MaxProblems = 25;

    private readonly FuzzSettings _settings;
    private readonly FederationExecutor _federation;
    private readonly DuckDbExecutor _duckDb;
    private readonly SqlGenerator _generator = new(FuzzDatabase.Tables);

    public FuzzRunner(FuzzDatabase database, FuzzSettings settings)
    {
        _settings = settings;
        _federation = new FederationExecutor(database.Session, settings.StatementTimeout);
        _duckDb = new DuckDbExecutor(database.DuckDb, settings.StatementTimeout);
    }

    public FuzzStatistics Statistics { get; } = new();

    public List<string> Problems { get; } = [];

    public TimeSpan Elapsed { get; private set; }

    public int Statements => _federation.Statements;

    public async Task RunAsync()
    {
        var clock = Stopwatch.StartNew();
        var number = _settings.OnlyCase ?? 0;
        for (; Problems.Count < MaxProblems; number++)
        {
            if (_settings.OnlyCase is { } only ? number > only : Statements >= _settings.Statements)
            {
                break;
            }

            var fuzzCase = _generator.Generate(_settings.Seed, number);
            Statistics.Cases[fuzzCase.Check] = Statistics.Cases.GetValueOrDefault(fuzzCase.Check) + 1;
            var started = clock.Elapsed;
            try
            {
                await CheckAsync(fuzzCase).ConfigureAwait(false);
            }
            catch (FuzzProblem problem)
            {
                Problems.Add($"seed {_settings.Seed}, case {number} ({fuzzCase.Check}): {problem.Message}\n"
                    + $"-- query:\n{fuzzCase.Sql}\n"
                    + string.Concat(fuzzCase.Partitions.Select((p, i) => $"-- partition {i + 1}:\n{p}\n"))
                    + (fuzzCase.Combined is null ? string.Empty : $"-- partitions combined:\n{fuzzCase.Combined}\n")
                    + $"-- reproduce: FED_FUZZ_SEED={_settings.Seed} FED_FUZZ_CASE={number} dotnet test tests/Federation.Fuzz.Tests -c Release --filter SqlFuzzTests");
            }

            Statistics.Timed(clock.Elapsed - started, number, fuzzCase.Check, fuzzCase.Sql);
        }

        Elapsed = clock.Elapsed;
    }

    private async Task CheckAsync(FuzzCase fuzzCase)
    {
        var answer = await RunAsync(fuzzCase.Sql).ConfigureAwait(false);
        switch (fuzzCase.Check)
        {
            case FuzzCheck.TlpWhere or FuzzCheck.TlpDistinct or FuzzCheck.TlpHaving:
            {
                var parts = new List<QueryAnswer>();
                foreach (var partition in fuzzCase.Partitions)
                {
                    parts.Add(await RunAsync(partition).ConfigureAwait(false));
                }

                if (answer.Failed || parts.Any(p => p.Failed))
                {
                    Statistics.TlpSkipped++;
                    break;
                }

                Statistics.TlpCompared++;
                var union = parts.SelectMany(p => p.Rows!).ToList();
                if (ResultComparison.Exact(answer.Rows!, union, asSets: fuzzCase.Check == FuzzCheck.TlpDistinct) is { } difference)
                {
                    throw new FuzzProblem("the query's rows are not the union of its partitions' (first: the query, second: the partitions)\n" + difference);
                }

                break;
            }

            case FuzzCheck.TlpAggregate:
            {
                var combined = await RunAsync(fuzzCase.Combined!).ConfigureAwait(false);
                if (answer.Failed || combined.Failed)
                {
                    Statistics.TlpSkipped++;
                    break;
                }

                Statistics.TlpCompared++;
                if (ResultComparison.Exact(answer.Rows!, combined.Rows!, asSets: false) is { } difference)
                {
                    throw new FuzzProblem("the aggregate differs from the aggregate of its partitions' (first: the query, second: the partitions)\n" + difference);
                }

                break;
            }
        }

        await CompareWithDuckDbAsync(fuzzCase, answer).ConfigureAwait(false);
    }

    private async Task<QueryAnswer> RunAsync(string sql)
    {
        var answer = await _federation.RunAsync(sql).ConfigureAwait(false);
        if (answer.ErrorCode is { } code)
        {
            Statistics.ErrorCodes[code] = Statistics.ErrorCodes.GetValueOrDefault(code) + 1;
        }

        return answer;
    }

    private async Task CompareWithDuckDbAsync(FuzzCase fuzzCase, QueryAnswer federation)
    {
        if (!fuzzCase.Portable)
        {
            Statistics.DuckDbNotPortable++;
            return;
        }

        var duckDb = await _duckDb.RunAsync(fuzzCase.Sql).ConfigureAwait(false);
        if (federation.Failed || duckDb.Failed)
        {
            if (federation.Failed && duckDb.Failed)
            {
                Statistics.BothErrored++;
            }
            else if (federation.Failed)
            {
                Statistics.FederationOnlyErrors++;
                if (Statistics.FederationOnlyErrorSamples.Count < 12)
                {
                    Statistics.FederationOnlyErrorSamples.Add(federation.Error!);
                }
            }
            else
            {
                Statistics.DuckDbErrored++;
            }

            return;
        }

        Statistics.DuckDbCompared++;
        Statistics.RowsCompared += federation.Rows!.Count;
        if (ResultComparison.AgainstDuckDb(federation.Rows!, duckDb.Rows!) is { } difference)
        {
            throw new FuzzProblem("Federation's answer differs from DuckDB's (first: Federation, second: DuckDB)\n" + difference);
        }
    }
}
