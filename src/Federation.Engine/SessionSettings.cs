using System.Globalization;
using Federation.Common;
using Federation.Common.Types;
using Federation.Execution;

namespace Federation.Engine;

/// <summary>
/// The settings SET, RESET and SHOW work on: memory_limit ('4GB', '512MB'), target_partitions (alias threads),
/// batch_size, disabled_optimizer_rules (a comma list), enable_dynamic_filters (on/off), enable_spill (on/off), parquet_verify_checksums
/// (on/off), statement_timeout ('30s', '5min', milliseconds; 0 for none), timezone (a tz database name, a POSIX spec or
/// an offset, as PostgreSQL reads them), and the PostgreSQL settings BI tools set on connect (search_path,
/// client_encoding, datestyle, application_name) which are accepted and shown.
/// </summary>
internal sealed class SessionSettings
{
    private readonly ExecutionOptions _defaults;
    private readonly Dictionary<string, string> _passive = new(StringComparer.OrdinalIgnoreCase)
    {
        ["search_path"] = "public",
        ["client_encoding"] = "UTF8",
        ["datestyle"] = "ISO, MDY",
        ["application_name"] = string.Empty,
    };

    public SessionSettings(ExecutionOptions defaults)
    {
        _defaults = defaults;
        Options = defaults;
    }

    public ExecutionOptions Options { get; private set; }

    public HashSet<string> DisabledRules { get; } = new(StringComparer.Ordinal);

    public void Set(string name, string? value)
    {
        var key = name.ToLowerInvariant();
        if (value is null)
        {
            Reset(key);
            return;
        }

        switch (key)
        {
            case "memory_limit":
                Options = Options with { MemoryLimitBytes = ParseBytes(value) };
                return;
            case "target_partitions" or "threads":
                Options = Options with { TargetPartitions = ParsePositive(key, value, 1024) };
                return;
            case "batch_size":
                Options = Options with { BatchSize = ParsePositive(key, value, 1 << 20) };
                return;
            case "enable_dynamic_filters":
                Options = Options with { EnableDynamicFilters = ParseBoolean(key, value) };
                return;
            case "enable_spill":
                Options = Options with { EnableSpill = ParseBoolean(key, value) };
                return;
            case "statement_timeout":
                Options = Options with { StatementTimeout = ParseDuration(key, value) };
                return;
            case "parquet_verify_checksums":
                Options = Options with { VerifyPageChecksums = ParseBoolean(key, value) };
                return;
            case "spectrum_query_maxerror":
                Options = Options with { SpectrumQueryMaxError = ParseMaxError(key, value) };
                return;
            case "disabled_optimizer_rules":
                DisabledRules.Clear();
                foreach (var rule in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    DisabledRules.Add(rule);
                }

                return;
            case "timezone" or "time zone":
                Options = Options with { TimeZone = SessionTimeZone.ParseSetting(value) };
                return;
        }

        if (_passive.ContainsKey(key))
        {
            _passive[key] = value;
            return;
        }

        throw new FederationException(ErrorCode.InvalidArgument, $"unrecognized configuration parameter \"{name}\"");
    }

    public void Reset(string? name)
    {
        if (name is null || name.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            Options = _defaults;
            DisabledRules.Clear();
            return;
        }

        switch (name.ToLowerInvariant())
        {
            case "memory_limit":
                Options = Options with { MemoryLimitBytes = _defaults.MemoryLimitBytes };
                return;
            case "target_partitions" or "threads":
                Options = Options with { TargetPartitions = _defaults.TargetPartitions };
                return;
            case "batch_size":
                Options = Options with { BatchSize = _defaults.BatchSize };
                return;
            case "enable_dynamic_filters":
                Options = Options with { EnableDynamicFilters = _defaults.EnableDynamicFilters };
                return;
            case "enable_spill":
                Options = Options with { EnableSpill = _defaults.EnableSpill };
                return;
            case "statement_timeout":
                Options = Options with { StatementTimeout = _defaults.StatementTimeout };
                return;
            case "parquet_verify_checksums":
                Options = Options with { VerifyPageChecksums = _defaults.VerifyPageChecksums };
                return;
            case "spectrum_query_maxerror":
                Options = Options with { SpectrumQueryMaxError = _defaults.SpectrumQueryMaxError };
                return;
            case "disabled_optimizer_rules":
                DisabledRules.Clear();
                return;
            case "timezone" or "time zone":
                Options = Options with { TimeZone = _defaults.TimeZone };
                return;
        }
    }

    public string Get(string name) => name.ToLowerInvariant() switch
    {
        "memory_limit" => MemoryPool.Format(Options.MemoryLimitBytes),
        "target_partitions" or "threads" => Options.TargetPartitions.ToString(CultureInfo.InvariantCulture),
        "batch_size" => Options.BatchSize.ToString(CultureInfo.InvariantCulture),
        "disabled_optimizer_rules" => string.Join(",", DisabledRules.Order(StringComparer.Ordinal)),
        "enable_dynamic_filters" => Options.EnableDynamicFilters ? "on" : "off",
        "enable_spill" => Options.EnableSpill ? "on" : "off",
        "statement_timeout" => FormatDuration(Options.StatementTimeout),
        "parquet_verify_checksums" => Options.VerifyPageChecksums ? "on" : "off",
        "spectrum_query_maxerror" => Options.SpectrumQueryMaxError.ToString(CultureInfo.InvariantCulture),
        "timezone" or "time zone" => Options.TimeZone.Name,
        var key when _passive.TryGetValue(key, out var v) => v,
        _ => throw new FederationException(ErrorCode.InvalidArgument, $"unrecognized configuration parameter \"{name}\""),
    };

    public IEnumerable<(string Name, string Value)> All()
    {
        foreach (var name in new[] { "batch_size", "disabled_optimizer_rules", "enable_dynamic_filters", "enable_spill", "memory_limit", "parquet_verify_checksums", "spectrum_query_maxerror", "statement_timeout", "target_partitions", "timezone" }.Concat(_passive.Keys).Order(StringComparer.Ordinal))
        {
            yield return (name, Get(name));
        }
    }

    /// <summary>PostgreSQL's spellings of a boolean setting: on/off, true/false, yes/no, 1/0.</summary>
    private static bool ParseBoolean(string name, string value) => value.Trim().ToLowerInvariant() switch
    {
        "on" or "true" or "yes" or "1" => true,
        "off" or "false" or "no" or "0" => false,
        _ => throw new FederationException(ErrorCode.InvalidArgument, $"parameter \"{name}\" requires a Boolean value"),
    };

    /// <summary>spectrum_query_maxerror: a count of rows, 0, or -1 for no limit.</summary>
    private static int ParseMaxError(string name, string value)
    {
        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) || n < -1)
        {
            throw new FederationException(ErrorCode.InvalidArgument, $"invalid value for parameter \"{name}\": \"{value}\" (a number of rows, or -1 for no limit)");
        }

        return n;
    }

    private static int ParsePositive(string name, string value, int max)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > max)
        {
            throw new FederationException(ErrorCode.InvalidArgument, $"invalid value for parameter \"{name}\": \"{value}\"");
        }

        return n;
    }

    /// <summary>
    /// A duration as PostgreSQL spells a time setting: a number of milliseconds, or a number with one of its units
    /// (ms, s, min, h, d; a space between is allowed). Zero means no limit.
    /// </summary>
    public static TimeSpan ParseDuration(string name, string value)
    {
        var text = value.Trim();
        var split = 0;
        while (split < text.Length && (char.IsAsciiDigit(text[split]) || text[split] == '.'))
        {
            split++;
        }

        if (split == 0 || !double.TryParse(text[..split], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            throw new FederationException(ErrorCode.InvalidArgument, $"invalid value for parameter \"{name}\": \"{value}\"");
        }

        var milliseconds = text[split..].Trim().ToLowerInvariant() switch
        {
            "" or "ms" => number,
            "s" => number * 1_000,
            "min" => number * 60_000,
            "h" => number * 3_600_000,
            "d" => number * 86_400_000,
            _ => throw new FederationException(ErrorCode.InvalidArgument,
                $"invalid value for parameter \"{name}\": \"{value}\" (valid units for this parameter are \"ms\", \"s\", \"min\", \"h\", and \"d\")"),
        };
        if (milliseconds > int.MaxValue)
        {
            throw new FederationException(ErrorCode.InvalidArgument, $"{value} is outside the valid range for parameter \"{name}\" (0 .. 2147483647 ms)");
        }

        return TimeSpan.FromMilliseconds(Math.Round(milliseconds));
    }

    /// <summary>As PostgreSQL shows a time setting: in the largest unit that divides it (5s, 2min, 1500ms), 0 when off.</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        var ms = (long)duration.TotalMilliseconds;
        if (ms == 0)
        {
            return "0";
        }

        foreach (var (unit, size) in new[] { ("d", 86_400_000L), ("h", 3_600_000L), ("min", 60_000L), ("s", 1_000L) })
        {
            if (ms % size == 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{ms / size}{unit}");
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{ms}ms");
    }

    /// <summary>Bytes with PostgreSQL's units: 4GB, 512MB, 64kB, or a plain number of bytes.</summary>
    public static long ParseBytes(string value)
    {
        var text = value.Trim();
        var split = 0;
        while (split < text.Length && (char.IsAsciiDigit(text[split]) || text[split] == '.'))
        {
            split++;
        }

        if (split == 0 || !double.TryParse(text[..split], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            throw new FederationException(ErrorCode.InvalidArgument, $"invalid value for parameter \"memory_limit\": \"{value}\"");
        }

        var unit = text[split..].Trim().ToUpperInvariant();
        var factor = unit switch
        {
            "" or "B" => 1L,
            "KB" or "K" or "KIB" => 1L << 10,
            "MB" or "M" or "MIB" => 1L << 20,
            "GB" or "G" or "GIB" => 1L << 30,
            "TB" or "T" or "TIB" => 1L << 40,
            _ => throw new FederationException(ErrorCode.InvalidArgument, $"invalid unit \"{text[split..]}\" for parameter \"memory_limit\"; use B, kB, MB, GB or TB"),
        };
        var bytes = (long)(number * factor);
        if (bytes < 1 << 20)
        {
            throw new FederationException(ErrorCode.InvalidArgument, "memory_limit must be at least 1MB");
        }

        return bytes;
    }
}
