using System.Globalization;

namespace Federation.Testing;

/// <summary>
/// Evaluates the part of Hive's partition filter grammar the test server needs: key op literal (=, &lt;&gt;, !=, &lt;, &lt;=,
/// &gt;, &gt;=), string literals in either quote compared as text, integer literals compared as numbers, and/or, parentheses.
/// </summary>
internal sealed class TestFilterEvaluator
{
    private readonly string _text;
    private int _at;

    private TestFilterEvaluator(string text)
    {
        _text = text;
    }

    /// <summary>A test of (partition key names, partition values).</summary>
    public static Func<IReadOnlyList<string>, IReadOnlyList<string>, bool> Parse(string filter)
    {
        var parser = new TestFilterEvaluator(filter);
        var result = parser.Or();
        parser.Space();
        return parser._at == filter.Length ? result : throw new FormatException($"unexpected text at {parser._at} in filter {filter}");
    }

    private Func<IReadOnlyList<string>, IReadOnlyList<string>, bool> Or()
    {
        var left = And();
        while (Word("or"))
        {
            var l = left;
            var right = And();
            left = (k, v) => l(k, v) || right(k, v);
        }

        return left;
    }

    private Func<IReadOnlyList<string>, IReadOnlyList<string>, bool> And()
    {
        var left = Factor();
        while (Word("and"))
        {
            var l = left;
            var right = Factor();
            left = (k, v) => l(k, v) && right(k, v);
        }

        return left;
    }

    private Func<IReadOnlyList<string>, IReadOnlyList<string>, bool> Factor()
    {
        Space();
        if (_text[_at] == '(')
        {
            _at++;
            var inner = Or();
            Space();
            Expect(')');
            return inner;
        }

        var start = _at;
        while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] == '_'))
        {
            _at++;
        }

        var key = _text[start.._at];
        Space();
        var opStart = _at;
        while (_at < _text.Length && _text[_at] is '=' or '<' or '>' or '!')
        {
            _at++;
        }

        var op = _text[opStart.._at];
        Space();
        string literal;
        var numeric = false;
        if (_text[_at] is '"' or '\'')
        {
            var quote = _text[_at++];
            var end = _text.IndexOf(quote, _at);
            literal = _text[_at..end];
            _at = end + 1;
        }
        else
        {
            var numberStart = _at;
            while (_at < _text.Length && (char.IsDigit(_text[_at]) || _text[_at] == '-'))
            {
                _at++;
            }

            literal = _text[numberStart.._at];
            numeric = true;
        }

        return (keys, values) =>
        {
            var index = keys.ToList().FindIndex(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                throw new FormatException($"{key} is not a partition key");
            }

            var compared = numeric
                ? long.Parse(values[index], CultureInfo.InvariantCulture).CompareTo(long.Parse(literal, CultureInfo.InvariantCulture))
                : string.CompareOrdinal(values[index], literal);
            return op switch
            {
                "=" => compared == 0,
                "<>" or "!=" => compared != 0,
                "<" => compared < 0,
                "<=" => compared <= 0,
                ">" => compared > 0,
                ">=" => compared >= 0,
                _ => throw new FormatException($"unknown operator {op}"),
            };
        };
    }

    private bool Word(string word)
    {
        Space();
        if (_at + word.Length <= _text.Length && string.Compare(_text, _at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
            && (_at + word.Length == _text.Length || _text[_at + word.Length] is ' ' or '('))
        {
            _at += word.Length;
            return true;
        }

        return false;
    }

    private void Space()
    {
        while (_at < _text.Length && _text[_at] == ' ')
        {
            _at++;
        }
    }

    private void Expect(char c)
    {
        if (_text[_at] != c)
        {
            throw new FormatException($"expected {c} at {_at} in {_text}");
        }

        _at++;
    }
}
