using Federation.Common;
using Federation.Execution;

namespace Federation.Engine;

/// <summary>
/// A server's limits for the statements of every session (the settings' <c>Query</c> section): each query's memory
/// limit and statement timeout until a session SETs its own, and what all queries may hold together. Written as
/// PostgreSQL spells the settings: "4GB", "30s", "5min".
/// </summary>
public sealed class QueryDefaults
{
    /// <summary>Each query's memory_limit (default: half of what the process may use).</summary>
    public string? MemoryLimit { get; set; }

    /// <summary>What all running queries may hold together (default: 70% of what the process may use).</summary>
    public string? TotalMemoryLimit { get; set; }

    /// <summary>Each statement's statement_timeout ("0": none, the default).</summary>
    public string? StatementTimeout { get; set; }

    /// <summary>The execution options sessions start with; a malformed value throws naming its setting.</summary>
    public ExecutionOptions ToExecutionOptions()
    {
        var options = new ExecutionOptions();
        if (!string.IsNullOrWhiteSpace(MemoryLimit))
        {
            options = options with { MemoryLimitBytes = Parse("Query:MemoryLimit", () => SessionSettings.ParseBytes(MemoryLimit)) };
        }

        if (!string.IsNullOrWhiteSpace(StatementTimeout))
        {
            options = options with { StatementTimeout = Parse("Query:StatementTimeout", () => SessionSettings.ParseDuration("statement_timeout", StatementTimeout)) };
        }

        return options;
    }

    public long TotalMemoryLimitBytes() => string.IsNullOrWhiteSpace(TotalMemoryLimit)
        ? ExecutionOptions.DefaultTotalMemoryLimit()
        : Parse("Query:TotalMemoryLimit", () => SessionSettings.ParseBytes(TotalMemoryLimit));

    /// <summary>Refuses malformed values and a per-query limit above the total, before anything listens.</summary>
    public void Validate()
    {
        var perQuery = ToExecutionOptions().MemoryLimitBytes;
        var total = TotalMemoryLimitBytes();
        if (!string.IsNullOrWhiteSpace(MemoryLimit) && perQuery > total)
        {
            throw new InvalidOperationException(
                $"Query:MemoryLimit ({MemoryPool.Format(perQuery)}) is more than Query:TotalMemoryLimit ({MemoryPool.Format(total)}), which all queries share");
        }
    }

    private static T Parse<T>(string setting, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (FederationException e)
        {
            throw new InvalidOperationException($"{setting}: {e.Message}", e);
        }
    }
}
