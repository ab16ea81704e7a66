using System.Numerics;
using Federation.Common;
using Federation.Functions.Scalar.String;

namespace Federation.Functions.Scalar.DateTime;

/// <summary>
/// A PostgreSQL numeric TO_CHAR template: 9 (digit, blank when leading), 0 (digit, zero when leading), '.' and D
/// (decimal point), ',' and G (group separator), S (sign anchored to the number), MI, SG, PL, PR (sign in a fixed
/// place or angle brackets), FM (no padding, no trailing fraction zeros), TH/th (ordinal suffix); other text is
/// copied. Without a sign pattern a sign position precedes the first digit ('-' or a blank). A number too wide
/// for the template prints '#' in every digit position. EEEE, V and RN are not supported.
/// </summary>
internal sealed class NumberTemplate
{
    private enum Kind
    {
        Nine,
        Zero,
        Point,
        Group,
        Sign,
        Minus,
        SignAlways,
        Plus,
        Brackets,
        Ordinal,
        Literal,
    }

    private readonly (Kind Kind, string Text)[] _tokens;
    private readonly int _integerDigits;
    private readonly int _zeroStart;
    private readonly bool _hasPoint;
    private readonly bool _fillMode;
    private readonly bool _explicitSign;
    private readonly bool _leadingSign;
    private readonly bool _brackets;

    private NumberTemplate((Kind, string)[] tokens, int integerDigits, int fractionDigits, int zeroStart, bool hasPoint, bool fillMode, bool explicitSign)
    {
        _tokens = tokens;
        _integerDigits = integerDigits;
        FractionDigits = fractionDigits;
        _zeroStart = zeroStart;
        _hasPoint = hasPoint;
        _fillMode = fillMode;
        _explicitSign = explicitSign;
        _leadingSign = LeadingSign(tokens);
        _brackets = Array.Exists(tokens, t => t.Item1 == Kind.Brackets);
    }

    /// <summary>Digits after the decimal point; the value is rounded to this many before formatting.</summary>
    public int FractionDigits { get; }

    public static NumberTemplate Parse(string format)
    {
        var tokens = new List<(Kind, string)>();
        int integerDigits = 0, fractionDigits = 0;
        var zeroStart = -1;
        bool hasPoint = false, fillMode = false, explicitSign = false;
        var i = 0;
        while (i < format.Length)
        {
            var rest = format.AsSpan(i);
            var c = format[i];
            if (c is '9' or '0')
            {
                if (hasPoint)
                {
                    fractionDigits++;
                }
                else
                {
                    if (c == '0' && zeroStart < 0)
                    {
                        zeroStart = integerDigits;
                    }

                    integerDigits++;
                }

                tokens.Add((c == '9' ? Kind.Nine : Kind.Zero, string.Empty));
                i++;
            }
            else if (c is '.' or 'D' or 'd' && !hasPoint)
            {
                hasPoint = true;
                tokens.Add((Kind.Point, "."));
                i++;
            }
            else if (c is ',' or 'G' or 'g')
            {
                tokens.Add((Kind.Group, ","));
                i++;
            }
            else if (rest.StartsWith("FM", StringComparison.OrdinalIgnoreCase))
            {
                fillMode = true;
                i += 2;
            }
            else if (rest.StartsWith("MI", StringComparison.OrdinalIgnoreCase))
            {
                explicitSign = true;
                tokens.Add((Kind.Minus, string.Empty));
                i += 2;
            }
            else if (rest.StartsWith("SG", StringComparison.OrdinalIgnoreCase))
            {
                explicitSign = true;
                tokens.Add((Kind.SignAlways, string.Empty));
                i += 2;
            }
            else if (rest.StartsWith("PL", StringComparison.OrdinalIgnoreCase))
            {
                tokens.Add((Kind.Plus, string.Empty));
                i += 2;
            }
            else if (rest.StartsWith("PR", StringComparison.OrdinalIgnoreCase))
            {
                explicitSign = true;
                tokens.Add((Kind.Brackets, string.Empty));
                i += 2;
            }
            else if (rest.StartsWith("TH", StringComparison.Ordinal) || rest.StartsWith("th", StringComparison.Ordinal))
            {
                tokens.Add((Kind.Ordinal, rest[..2].ToString()));
                i += 2;
            }
            else if (c is 'S' or 's')
            {
                explicitSign = true;
                tokens.Add((Kind.Sign, string.Empty));
                i++;
            }
            else if (rest.StartsWith("EEEE", StringComparison.OrdinalIgnoreCase) || c is 'V' or 'v'
                     || rest.StartsWith("RN", StringComparison.OrdinalIgnoreCase))
            {
                throw FederationException.NotSupported($"the to_char number pattern \"{format.Substring(i, c is 'V' or 'v' ? 1 : rest.StartsWith("RN", StringComparison.OrdinalIgnoreCase) ? 2 : 4)}\"");
            }
            else if (c == '"')
            {
                var close = format.IndexOf('"', i + 1);
                var end = close < 0 ? format.Length : close;
                tokens.Add((Kind.Literal, format[(i + 1)..end]));
                i = end + 1;
            }
            else
            {
                tokens.Add((Kind.Literal, c.ToString()));
                i++;
            }
        }

        return new NumberTemplate(tokens.ToArray(), integerDigits, fractionDigits, zeroStart < 0 ? integerDigits : zeroStart, hasPoint, fillMode, explicitSign);
    }

    /// <summary>
    /// Formats a number already rounded to <see cref="FractionDigits"/>: its sign, integer digits (no leading
    /// zeros) and exactly <see cref="FractionDigits"/> fraction digits.
    /// </summary>
    public void Format(bool negative, string integerPart, string fractionPart, BigInteger integerValue, Utf16Scratch output)
    {
        var start = output.ResultLength;
        if (integerPart == "0" && _hasPoint)
        {
            integerPart = string.Empty;
        }

        var overflow = integerPart.Length > _integerDigits;
        var leading = overflow ? 0 : _integerDigits - integerPart.Length;
        var firstPrinted = System.Math.Min(leading, _zeroStart);
        var signWritten = false;
        var anchoredSign = !_explicitSign || _leadingSign;
        var integerPosition = 0;
        var fractionPosition = 0;
        var anyDigit = false;
        var pointSeen = false;
        var lastKeep = output.ResultLength;
        void WriteSign()
        {
            if (signWritten)
            {
                return;
            }

            signWritten = true;
            if (!_explicitSign)
            {
                if (negative)
                {
                    output.Append('-');
                }
                else if (!_fillMode)
                {
                    output.Append(' ');
                }
            }
            else if (_leadingSign)
            {
                output.Append(_brackets ? (negative ? '<' : ' ') : (negative ? '-' : '+'));
            }
        }

        foreach (var (kind, text) in _tokens)
        {
            switch (kind)
            {
                case Kind.Nine or Kind.Zero when !pointSeen:
                {
                    var position = integerPosition++;
                    if (overflow)
                    {
                        if (position == 0 && anchoredSign)
                        {
                            WriteSign();
                        }

                        output.Append('#');
                        anyDigit = true;
                    }
                    else if (position < firstPrinted)
                    {
                        if (!_fillMode)
                        {
                            output.Append(' ');
                        }
                    }
                    else
                    {
                        if (anchoredSign)
                        {
                            WriteSign();
                        }

                        output.Append(position < leading ? '0' : integerPart[position - leading]);
                        anyDigit = true;
                    }

                    lastKeep = output.ResultLength;
                    break;
                }

                case Kind.Nine or Kind.Zero:
                {
                    var position = fractionPosition++;
                    output.Append(overflow ? '#' : fractionPart[position]);
                    if (kind == Kind.Zero || fractionPart[position] != '0' || overflow || !_fillMode)
                    {
                        lastKeep = output.ResultLength;
                    }

                    anyDigit = true;
                    break;
                }

                case Kind.Point:
                    if (anchoredSign)
                    {
                        WriteSign();
                    }

                    if (_fillMode && !anyDigit && fractionPart.TrimEnd('0').Length == 0)
                    {
                        output.Append('0');
                    }

                    output.Append('.');
                    lastKeep = output.ResultLength;
                    pointSeen = true;
                    break;
                case Kind.Group:
                    if (anyDigit)
                    {
                        output.Append(',');
                    }
                    else if (!_fillMode)
                    {
                        output.Append(' ');
                    }

                    lastKeep = output.ResultLength;
                    break;
                case Kind.Sign:
                    if (!signWritten && integerPosition > 0)
                    {
                        signWritten = true;
                        output.Append(negative ? '-' : '+');
                    }

                    lastKeep = output.ResultLength;
                    break;
                case Kind.Minus:
                    if (negative)
                    {
                        output.Append('-');
                    }
                    else if (!_fillMode)
                    {
                        output.Append(' ');
                    }

                    lastKeep = output.ResultLength;
                    break;
                case Kind.SignAlways:
                    output.Append(negative ? '-' : '+');
                    lastKeep = output.ResultLength;
                    break;
                case Kind.Plus:
                    if (!negative)
                    {
                        output.Append('+');
                    }
                    else if (!_fillMode)
                    {
                        output.Append(' ');
                    }

                    lastKeep = output.ResultLength;
                    break;
                case Kind.Brackets:
                    if (negative)
                    {
                        output.Append('>');
                    }
                    else if (!_fillMode)
                    {
                        output.Append(' ');
                    }

                    lastKeep = output.ResultLength;
                    break;
                case Kind.Ordinal:
                    if (!negative)
                    {
                        var suffix = DateFormatter.OrdinalSuffix((long)(integerValue % 100));
                        output.Append(text == "TH" ? suffix.ToUpperInvariant() : suffix);
                    }

                    lastKeep = output.ResultLength;
                    break;
                default:
                    output.Append(text);
                    lastKeep = output.ResultLength;
                    break;
            }
        }

        if (!signWritten && anchoredSign)
        {
            // No digit was printed (an empty template); PostgreSQL still shows the sign.
            var body = output.Result[start..].ToString();
            output.Truncate(start);
            WriteSign();
            output.Append(body);
            lastKeep = output.ResultLength;
        }

        if (_fillMode)
        {
            output.Truncate(lastKeep);
        }
    }

    /// <summary>S before the first digit, or PR anywhere: the sign goes right before the first printed digit.</summary>
    private static bool LeadingSign((Kind Kind, string Text)[] tokens)
    {
        foreach (var (kind, _) in tokens)
        {
            if (kind == Kind.Brackets)
            {
                return true;
            }
        }

        foreach (var (kind, _) in tokens)
        {
            if (kind is Kind.Nine or Kind.Zero or Kind.Point)
            {
                return false;
            }

            if (kind == Kind.Sign)
            {
                return true;
            }
        }

        return false;
    }
}
