using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Kernels;

/// <summary>The ~, ~*, !~, !~* operators and SIMILAR TO, through .NET regular expressions (compiled once per pattern).</summary>
public static class RegexMatchKernel
{
    private static readonly ConcurrentDictionary<(string, bool, bool), Regex> Cache = new();

    public static Regex Compile(string pattern, bool caseInsensitive, bool similar)
    {
        return Cache.GetOrAdd((pattern, caseInsensitive, similar), key =>
        {
            if (Cache.Count > 10_000)
            {
                Cache.Clear();
            }

            var text = key.Item3 ? SimilarToRegex(key.Item1) : key.Item1;
            try
            {
                var options = RegexOptions.CultureInvariant | (key.Item2 ? RegexOptions.IgnoreCase : RegexOptions.None);
                return new Regex(text, options, TimeSpan.FromSeconds(5));
            }
            catch (ArgumentException e)
            {
                throw new FederationException(ErrorCode.InvalidRegularExpression, $"invalid regular expression: {e.Message}");
            }
        });
    }

    /// <summary>SQL's SIMILAR TO: the whole string must match; % is .*, _ is ., the rest is regular-expression syntax.</summary>
    private static string SimilarToRegex(string pattern)
    {
        var sb = new StringBuilder("^(?:");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '%': sb.Append(".*"); break;
                case '_': sb.Append('.'); break;
                case '\\' when i + 1 < pattern.Length: sb.Append(Regex.Escape(pattern[++i].ToString())); break;
                case '.' or '^' or '$': sb.Append('\\').Append(c); break;
                default: sb.Append(c); break;
            }
        }

        return sb.Append(")$").ToString();
    }

    public static ColumnarValue Evaluate(ColumnarValue input, ColumnarValue pattern, bool caseInsensitive, bool negated, bool similar, int rowCount)
    {
        if ((input.IsScalar && input.Scalar!.IsNull) || (pattern.IsScalar && pattern.Scalar!.IsNull))
        {
            return ColumnarValue.FromScalar(ScalarValue.NullOf(SqlType.Boolean));
        }

        var strings = (StringArray)input.ToArray(rowCount);
        var patterns = pattern.IsScalar ? null : (StringArray)pattern.Array!;
        var fixedRegex = pattern.IsScalar ? Compile((string)pattern.Scalar!.Value!, caseInsensitive, similar) : null;
        var n = strings.Length;
        var bits = Bitmap.AllClear(n);
        try
        {
            for (var i = 0; i < n; i++)
            {
                if (strings.IsNull(i) || (patterns is not null && patterns.IsNull(i)))
                {
                    continue;
                }

                var regex = fixedRegex ?? Compile(patterns!.GetString(i), caseInsensitive, similar);
                if (regex.IsMatch(strings.GetString(i)) != negated)
                {
                    Bitmap.Set(bits, i);
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            throw new FederationException(ErrorCode.InvalidRegularExpression, "regular expression took too long to match");
        }

        var validity = Validity.Combine(Validity.Bits(strings), patterns is null ? default : Validity.Bits(patterns), n);
        return ColumnarValue.FromArray(ArrayFactory.Boolean(bits, n, validity));
    }
}
