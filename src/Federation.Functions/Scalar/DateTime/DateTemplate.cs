namespace Federation.Functions.Scalar.DateTime;

/// <summary>
/// Parses PostgreSQL date/time templates: YYYY, Y,YYY, YYY, YY, Y, IYYY.., MM, MONTH/Month/month, MON/Mon/mon,
/// RM, DD, DDD, IDDD, D, ID, DAY/Day/day, DY/Dy/dy, HH, HH12, HH24, MI, SS, MS, US, FF1-FF6, SSSS, AM/PM (also
/// with dots and in lower case), AD/BC, Q, WW, W, IW, CC, J, TZ, TZH, TZM, OF; the FM and TM prefixes, the TH/th
/// suffix, FX, and "quoted text". Anything else is copied literally. Keywords match case-sensitively in the
/// spellings PostgreSQL accepts (upper or lower case; names also capitalised), longest first.
/// </summary>
internal static class DateTemplate
{
    private static readonly (string Keyword, DatePattern Pattern, int Case, int Digits)[] Keywords = BuildKeywords();

    private static (string, DatePattern, int, int)[] BuildKeywords()
    {
        var list = new List<(string, DatePattern, int, int)>();
        void Both(string upper, DatePattern pattern, int digits = 0)
        {
            list.Add((upper, pattern, 0, digits));
            list.Add((upper.ToLowerInvariant(), pattern, 2, digits));
        }

        void Three(string upper, DatePattern pattern)
        {
            list.Add((upper, pattern, 0, 0));
            list.Add((upper[..1] + upper[1..].ToLowerInvariant(), pattern, 1, 0));
            list.Add((upper.ToLowerInvariant(), pattern, 2, 0));
        }

        Both("Y,YYY", DatePattern.YearComma);
        Both("YYYY", DatePattern.Year4);
        Both("YYY", DatePattern.Year3);
        Both("YY", DatePattern.Year2);
        Both("Y", DatePattern.Year1);
        Both("IYYY", DatePattern.IsoYear4);
        Both("IYY", DatePattern.IsoYear3);
        Both("IY", DatePattern.IsoYear2);
        Both("IDDD", DatePattern.IsoDayOfYear);
        Both("ID", DatePattern.IsoDayOfWeek);
        Both("IW", DatePattern.IsoWeek);
        Both("I", DatePattern.IsoYear1);
        Both("MM", DatePattern.Month);
        Three("MONTH", DatePattern.MonthName);
        Three("MON", DatePattern.MonthAbbreviation);
        Both("MI", DatePattern.Minute);
        Both("MS", DatePattern.Millisecond);
        Both("RM", DatePattern.RomanMonth);
        Both("DDD", DatePattern.DayOfYear);
        Both("DD", DatePattern.Day);
        Three("DAY", DatePattern.DayName);
        Three("DY", DatePattern.DayAbbreviation);
        Both("D", DatePattern.DayOfWeek);
        Both("HH24", DatePattern.Hour24);
        Both("HH12", DatePattern.Hour12);
        Both("HH", DatePattern.Hour12);
        Both("SSSSS", DatePattern.SecondsOfDay);
        Both("SSSS", DatePattern.SecondsOfDay);
        Both("SS", DatePattern.Second);
        Both("US", DatePattern.Microsecond);
        for (var digits = 1; digits <= 6; digits++)
        {
            Both("FF" + digits, DatePattern.Fraction, digits);
        }

        Both("A.M.", DatePattern.MeridiemDots);
        Both("P.M.", DatePattern.MeridiemDots);
        Both("AM", DatePattern.Meridiem);
        Both("PM", DatePattern.Meridiem);
        Both("A.D.", DatePattern.EraDots);
        Both("B.C.", DatePattern.EraDots);
        Both("AD", DatePattern.Era);
        Both("BC", DatePattern.Era);
        Both("Q", DatePattern.Quarter);
        Both("WW", DatePattern.WeekOfYear);
        Both("W", DatePattern.WeekOfMonth);
        Both("CC", DatePattern.Century);
        Both("J", DatePattern.Julian);
        Both("TZH", DatePattern.TimeZoneHour);
        Both("TZM", DatePattern.TimeZoneMinute);
        Both("TZ", DatePattern.TimeZone);
        Both("OF", DatePattern.Offset);
        Both("FX", DatePattern.ExactFormat);

        // Longest first, so YYYY wins over YY and HH24 over HH.
        list.Sort((a, b) => b.Item1.Length.CompareTo(a.Item1.Length));
        return list.ToArray();
    }

    public static DateToken[] Parse(string format)
    {
        var tokens = new List<DateToken>();
        var literal = new System.Text.StringBuilder();
        void FlushLiteral()
        {
            if (literal.Length > 0)
            {
                tokens.Add(new DateToken(DatePattern.Literal, literal.ToString(), false, 0, 0, 0));
                literal.Clear();
            }
        }

        var i = 0;
        while (i < format.Length)
        {
            var c = format[i];
            if (c == '"')
            {
                i++;
                while (i < format.Length && format[i] != '"')
                {
                    if (format[i] == '\\' && i + 1 < format.Length)
                    {
                        i++;
                    }

                    literal.Append(format[i]);
                    i++;
                }

                i++;
                continue;
            }

            if (c == '\\' && i + 1 < format.Length && format[i + 1] == '"')
            {
                literal.Append('"');
                i += 2;
                continue;
            }

            var fillMode = false;
            var start = i;
            while (true)
            {
                if (Matches(format, i, "FM") || Matches(format, i, "fm"))
                {
                    fillMode = true;
                    i += 2;
                }
                else if (Matches(format, i, "TM") || Matches(format, i, "tm"))
                {
                    i += 2;
                }
                else
                {
                    break;
                }
            }

            var matched = false;
            foreach (var (keyword, pattern, letterCase, digits) in Keywords)
            {
                if (!Matches(format, i, keyword))
                {
                    continue;
                }

                i += keyword.Length;
                var ordinal = 0;
                if (Matches(format, i, "TH"))
                {
                    ordinal = 1;
                    i += 2;
                }
                else if (Matches(format, i, "th"))
                {
                    ordinal = 2;
                    i += 2;
                }

                if (Matches(format, i, "SP") || Matches(format, i, "sp"))
                {
                    i += 2;
                }

                FlushLiteral();
                tokens.Add(new DateToken(pattern, keyword, fillMode, ordinal, letterCase, digits));
                matched = true;
                break;
            }

            if (!matched)
            {
                // A modifier with nothing after it is literal text.
                i = start;
                literal.Append(format[i]);
                i++;
            }
        }

        FlushLiteral();
        return tokens.ToArray();
    }

    private static bool Matches(string format, int index, string keyword) =>
        string.CompareOrdinal(format, index, keyword, 0, keyword.Length) == 0 && index + keyword.Length <= format.Length;
}
