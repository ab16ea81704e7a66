using System.Text.RegularExpressions;

namespace Federation.Functions.Scalar.String;

/// <summary>
/// The compiled regular expression of one bound call, kept across batches: a constant pattern is compiled once
/// per query instead of once per batch. Holds one entry, swapped atomically, so concurrent partitions share it.
/// </summary>
internal sealed class RegexCache
{
    private Entry? _last;

    public Regex Get(string pattern, string flags, RegexFlags parsed, bool compiled)
    {
        var last = _last;
        if (last is not null && last.Pattern == pattern && last.Flags == flags)
        {
            return last.Regex;
        }

        var regex = PgRegex.Compile(pattern, parsed, compiled);
        _last = new Entry(pattern, flags, regex);
        return regex;
    }

    private sealed record Entry(string Pattern, string Flags, Regex Regex);
}
