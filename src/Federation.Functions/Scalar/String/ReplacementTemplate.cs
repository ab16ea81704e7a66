using System.Text;
using System.Text.RegularExpressions;

namespace Federation.Functions.Scalar.String;

/// <summary>
/// A REGEXP_REPLACE replacement in PostgreSQL's syntax: \1 .. \9 insert a captured group (nothing when the group
/// did not take part or does not exist), \&amp; the whole match, \\ a backslash; any other backslash is literal.
/// Expanded here rather than translated to .NET's $-syntax, whose rules for missing groups differ.
/// </summary>
internal sealed class ReplacementTemplate
{
    private readonly string[] _literals;
    private readonly int[] _groups;

    private ReplacementTemplate(string[] literals, int[] groups)
    {
        _literals = literals;
        _groups = groups;
    }

    /// <summary>True when the template refers to a group, so matches must be materialised with their groups.</summary>
    public bool HasGroups => _groups.Length > 0;

    /// <summary>The whole text when there are no group references.</summary>
    public string Literal => _literals[0];

    public static ReplacementTemplate Parse(string text)
    {
        var literals = new List<string>();
        var groups = new List<int>();
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                var next = text[i + 1];
                if (next is >= '1' and <= '9' or '&')
                {
                    literals.Add(current.ToString());
                    current.Clear();
                    groups.Add(next == '&' ? 0 : next - '0');
                    i++;
                    continue;
                }

                if (next == '\\')
                {
                    current.Append('\\');
                    i++;
                    continue;
                }
            }

            current.Append(c);
        }

        literals.Add(current.ToString());
        return new ReplacementTemplate(literals.ToArray(), groups.ToArray());
    }

    public void AppendTo(Utf16Scratch output, Match match)
    {
        for (var part = 0; part < _groups.Length; part++)
        {
            output.Append(_literals[part]);
            var group = match.Groups[_groups[part]];
            if (group.Success)
            {
                output.Append(group.ValueSpan);
            }
        }

        output.Append(_literals[^1]);
    }
}
