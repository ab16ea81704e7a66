using System.Globalization;
using Federation.Common;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.DateTime;

/// <summary>
/// TO_DATE/TO_TIMESTAMP: reads text against a PostgreSQL template. Outside FX mode, as in PostgreSQL, leading
/// blanks before a field are skipped, a separator in the template matches any one separator in the input (or
/// nothing), a number followed by a separator may have more digits than its pattern, missing fields default to
/// January 1 of year 1 BC at midnight, and input left over after the template is ignored. Supported: the year
/// patterns (YY, YYY and Y pick the nearest year to 2020), MM, MON, MONTH, DD, DDD, J, HH, HH12, HH24, MI, SS,
/// MS, US, FF1-FF6, SSSS, AM/PM, AD/BC, TZH, TZM; D, ID, DY, DAY and Q are read and ignored. ISO week patterns,
/// WW, W, CC, RM, TZ and OF are not supported.
/// </summary>
internal static class DateParser
{
    public static long Parse(ReadOnlySpan<DateToken> tokens, string input)
    {
        var exact = false;
        foreach (var token in tokens)
        {
            exact |= token.Pattern == DatePattern.ExactFormat;
        }

        int? year = null, month = null, day = null, dayOfYear = null, julian = null;
        var yearDigits = 4;
        var yearPattern = DatePattern.Year4;
        int hour = 0, minute = 0, second = 0, fraction = 0;
        var twelveHour = false;
        bool? pm = null;
        var bc = false;
        var zoneMinutes = 0;
        var zoneSign = 1;
        var pos = 0;
        for (var k = 0; k < tokens.Length && pos < input.Length; k++)
        {
            var token = tokens[k];
            if (token.Pattern == DatePattern.Literal)
            {
                foreach (var c in token.Text)
                {
                    if (pos >= input.Length)
                    {
                        break;
                    }

                    if (exact || char.IsLetterOrDigit(c))
                    {
                        pos++;
                    }
                    else if (c == ' ')
                    {
                        while (pos < input.Length && input[pos] == ' ')
                        {
                            pos++;
                        }
                    }
                    else if (!char.IsLetterOrDigit(input[pos]))
                    {
                        pos++;
                    }
                }

                continue;
            }

            if (token.Pattern == DatePattern.ExactFormat)
            {
                continue;
            }

            if (!exact)
            {
                while (pos < input.Length && input[pos] == ' ')
                {
                    pos++;
                }
            }

            var greedy = k + 1 >= tokens.Length || tokens[k + 1].Pattern == DatePattern.Literal;
            switch (token.Pattern)
            {
                case DatePattern.Year4 or DatePattern.Year3 or DatePattern.Year2 or DatePattern.Year1:
                {
                    var width = token.Pattern switch { DatePattern.Year4 => 4, DatePattern.Year3 => 3, DatePattern.Year2 => 2, _ => 1 };
                    var start = pos;
                    year = ReadNumber(input, ref pos, width, greedy, token.Text);
                    yearDigits = pos - start;
                    yearPattern = token.Pattern;
                    break;
                }

                case DatePattern.YearComma:
                {
                    var thousands = ReadNumber(input, ref pos, 1, true, token.Text);
                    if (pos < input.Length && input[pos] == ',')
                    {
                        pos++;
                    }

                    year = (thousands * 1000) + ReadNumber(input, ref pos, 3, greedy, token.Text);
                    yearDigits = 4;
                    break;
                }

                case DatePattern.Month:
                    month = ReadNumber(input, ref pos, 2, greedy, token.Text);
                    break;
                case DatePattern.MonthName or DatePattern.MonthAbbreviation:
                    month = ReadName(input, ref pos, DateFormatter.MonthNames, token.Pattern == DatePattern.MonthAbbreviation, token.Text) + 1;
                    break;
                case DatePattern.DayName or DatePattern.DayAbbreviation:
                    ReadName(input, ref pos, DateFormatter.DayNames, token.Pattern == DatePattern.DayAbbreviation, token.Text);
                    break;
                case DatePattern.Day:
                    day = ReadNumber(input, ref pos, 2, greedy, token.Text);
                    break;
                case DatePattern.DayOfYear:
                    dayOfYear = ReadNumber(input, ref pos, 3, greedy, token.Text);
                    break;
                case DatePattern.Julian:
                    julian = ReadNumber(input, ref pos, 9, true, token.Text);
                    break;
                case DatePattern.Hour12:
                    hour = ReadNumber(input, ref pos, 2, greedy, token.Text);
                    twelveHour = true;
                    break;
                case DatePattern.Hour24:
                    hour = ReadNumber(input, ref pos, 2, greedy, token.Text);
                    break;
                case DatePattern.Minute:
                    minute = ReadNumber(input, ref pos, 2, greedy, token.Text);
                    break;
                case DatePattern.Second:
                    second = ReadNumber(input, ref pos, 2, greedy, token.Text);
                    break;
                case DatePattern.SecondsOfDay:
                {
                    var seconds = ReadNumber(input, ref pos, 5, greedy, token.Text);
                    hour = seconds / 3600;
                    minute = seconds / 60 % 60;
                    second = seconds % 60;
                    break;
                }

                case DatePattern.Millisecond or DatePattern.Microsecond or DatePattern.Fraction:
                {
                    var width = token.Pattern switch { DatePattern.Millisecond => 3, DatePattern.Microsecond => 6, _ => token.Digits };
                    var start = pos;
                    var value = ReadNumber(input, ref pos, width, greedy, token.Text);
                    var read = pos - start;
                    if (read > width)
                    {
                        throw OutOfRange(input);
                    }

                    // '12.3' as SS.MS is 12.300 s: fewer digits scale up, as PostgreSQL reads them.
                    fraction = value * (int)System.Math.Pow(10, 6 - read);
                    break;
                }

                case DatePattern.Meridiem or DatePattern.MeridiemDots:
                {
                    var length = token.Pattern == DatePattern.Meridiem ? 2 : 4;
                    var text = input.Length - pos >= length ? input.Substring(pos, length).ToUpperInvariant() : string.Empty;
                    if (text is not ("AM" or "PM" or "A.M." or "P.M."))
                    {
                        throw InvalidValue(text.Length == 0 ? input[pos..] : input.Substring(pos, length), token.Text, "The given value did not match any of the allowed values for this field.");
                    }

                    pm = text[0] == 'P';
                    pos += length;
                    break;
                }

                case DatePattern.Era or DatePattern.EraDots:
                {
                    var length = token.Pattern == DatePattern.Era ? 2 : 4;
                    var text = input.Length - pos >= length ? input.Substring(pos, length).ToUpperInvariant() : string.Empty;
                    if (text is not ("AD" or "BC" or "A.D." or "B.C."))
                    {
                        throw InvalidValue(text, token.Text, "The given value did not match any of the allowed values for this field.");
                    }

                    bc = text[0] == 'B';
                    pos += length;
                    break;
                }

                case DatePattern.TimeZoneHour:
                {
                    if (pos < input.Length && input[pos] is '+' or '-')
                    {
                        zoneSign = input[pos] == '-' ? -1 : 1;
                        pos++;
                    }

                    zoneMinutes += ReadNumber(input, ref pos, 2, greedy, token.Text) * 60;
                    break;
                }

                case DatePattern.TimeZoneMinute:
                    zoneMinutes += ReadNumber(input, ref pos, 2, greedy, token.Text);
                    break;
                case DatePattern.DayOfWeek or DatePattern.IsoDayOfWeek or DatePattern.Quarter:
                    ReadNumber(input, ref pos, 1, greedy, token.Text);
                    break;
                default:
                    throw FederationException.NotSupported($"the \"{token.Text}\" pattern in to_date/to_timestamp");
            }
        }

        var astronomicalYear = 0;
        if (year is { } y)
        {
            if (yearDigits < 4 && yearPattern != DatePattern.Year4)
            {
                y = AdjustPartialYear(y);
            }

            astronomicalYear = bc ? 1 - y : y;
        }

        if (astronomicalYear is < Calendar.MinYear or > Calendar.MaxYear)
        {
            throw OutOfRange(input);
        }

        int days;
        if (julian is { } j)
        {
            days = j - 2440588;
            if (days is < -2_440_588 or > 106_751_991)
            {
                throw OutOfRange(input);
            }
        }
        else if (dayOfYear is { } doy)
        {
            if (doy < 1 || doy > (DateTimeMath.IsLeapYear(astronomicalYear) ? 366 : 365))
            {
                throw OutOfRange(input);
            }

            days = DateTimeMath.DaysFromCivil(astronomicalYear, 1, 1) + doy - 1;
        }
        else
        {
            var m = month ?? 1;
            var d = day ?? 1;
            if (m < 1 || m > 12 || d < 1 || d > DateTimeMath.DaysInMonth(astronomicalYear, m))
            {
                throw OutOfRange(input);
            }

            days = DateTimeMath.DaysFromCivil(astronomicalYear, m, d);
        }

        if (twelveHour)
        {
            if (hour is < 1 or > 12)
            {
                throw new FederationException(ErrorCode.InvalidDatetime,
                    string.Create(CultureInfo.InvariantCulture, $"hour \"{hour}\" is invalid for the 12-hour clock"));
            }

            hour = pm == true ? (hour % 12) + 12 : hour % 12;
        }
        else if (pm == true && hour < 12)
        {
            hour += 12;
        }

        if (hour > 23 || minute > 59 || second > 60)
        {
            throw OutOfRange(input);
        }

        return (days * DateTimeMath.MicrosPerDay) + (hour * Interval.MicrosPerHour) + (minute * Interval.MicrosPerMinute)
            + (second * Interval.MicrosPerSecond) + fraction - (zoneSign * zoneMinutes * Interval.MicrosPerMinute);
    }

    /// <summary>PostgreSQL's adjust_partial_year_to_2020: two-digit years fall in 1970-2069, three-digit in 1100-2099.</summary>
    private static int AdjustPartialYear(int year) => year switch
    {
        < 70 => year + 2000,
        < 100 => year + 1900,
        < 520 => year + 2000,
        < 1000 => year + 1000,
        _ => year,
    };

    private static int ReadNumber(string input, ref int pos, int width, bool greedy, string pattern)
    {
        var start = pos;
        var limit = greedy ? System.Math.Max(width, 9) : width;
        long value = 0;
        while (pos < input.Length && pos - start < limit && char.IsAsciiDigit(input[pos]))
        {
            value = (value * 10) + (input[pos] - '0');
            pos++;
        }

        if (pos == start)
        {
            throw InvalidValue(input.Substring(start, System.Math.Min(width, input.Length - start)), pattern, "Value must be an integer.");
        }

        if (value > int.MaxValue)
        {
            throw new FederationException(ErrorCode.InvalidDatetime, $"value for \"{pattern}\" in source string is out of range");
        }

        return (int)value;
    }

    private static int ReadName(string input, ref int pos, string[] names, bool abbreviated, string pattern)
    {
        var best = -1;
        var bestLength = 0;
        for (var n = 0; n < names.Length; n++)
        {
            var name = abbreviated ? names[n][..3] : names[n];
            if (string.Compare(input, pos, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0
                && pos + name.Length <= input.Length && name.Length > bestLength)
            {
                best = n;
                bestLength = name.Length;
            }
        }

        if (best < 0)
        {
            var end = pos;
            while (end < input.Length && char.IsLetter(input[end]))
            {
                end++;
            }

            throw InvalidValue(input[pos..System.Math.Max(end, System.Math.Min(pos + 3, input.Length))], pattern,
                "The given value did not match any of the allowed values for this field.");
        }

        pos += bestLength;
        return best;
    }

    /// <summary>PostgreSQL's message (its DETAIL line, passed as <paramref name="detail"/>, is not part of the message).</summary>
    private static FederationException InvalidValue(string text, string pattern, string detail) =>
        new(ErrorCode.InvalidDatetime, $"invalid value \"{text}\" for \"{pattern}\"");

    private static FederationException OutOfRange(string input) =>
        new(ErrorCode.InvalidDatetime, $"date/time field value out of range: \"{input}\"");
}
