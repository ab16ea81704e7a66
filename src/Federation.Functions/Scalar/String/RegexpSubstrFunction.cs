using System.Text.RegularExpressions;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>
/// REGEXP_SUBSTR(source, pattern [, position [, occurrence [, parameters [, subexpression]]]]) with Redshift's
/// rules: the occurrence-th match at or after character <c>position</c> (a position below 1 counts as 1), or ''
/// when there is none (PostgreSQL 15 would return NULL). Parameter 'e' returns the first parenthesised
/// subexpression; the sixth argument (PostgreSQL) picks a subexpression by number.
/// </summary>
public sealed class RegexpSubstrFunction : ScalarFunction
{
    public override string Name => "regexp_substr";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        var count = argumentTypes.Count;
        if (count is < 2 or > 6 || !Signatures.IsText(argumentTypes[0]) || !Signatures.IsText(argumentTypes[1]))
        {
            return null;
        }

        var parameters = new SqlType[count];
        parameters[0] = SqlType.String;
        parameters[1] = SqlType.String;
        for (var i = 2; i < count; i++)
        {
            var text = i == 4;
            if (text ? !Signatures.IsText(argumentTypes[i]) : !Signatures.IsInteger(argumentTypes[i]))
            {
                return null;
            }

            parameters[i] = text ? SqlType.String : SqlType.Int64;
        }

        return Binding(parameters, SqlType.String, new Kernel().Run);
    }

    private sealed class Kernel
    {
        private readonly RegexCache _cache = new();

        public ColumnarValue Run(ReadOnlySpan<ColumnarValue> args, in KernelContext context)
        {
            if (KernelArgs.AnyNullScalar(args))
            {
                return KernelArgs.Null(SqlType.String, args, context);
            }

            try
            {
                return Compute(args, context);
            }
            catch (RegexMatchTimeoutException e)
            {
                throw PgRegex.TimedOut(e);
            }
        }

        private ColumnarValue Compute(ReadOnlySpan<ColumnarValue> args, in KernelContext context)
        {
            var rows = KernelArgs.Rows(args, context);
            var source = new Utf8Arg(args[0]);
            var regexes = new RegexRow(args[1], args.Length > 4 ? args[4] : default, args.Length > 4, _cache, "regexp_substr", allowGlobal: false);
            var position = args.Length > 2 ? new FixedArg<long>(args[2]) : new FixedArg<long>(ScalarValue.Int64(1));
            var occurrence = args.Length > 3 ? new FixedArg<long>(args[3]) : new FixedArg<long>(ScalarValue.Int64(1));
            var subexpression = args.Length > 5 ? new FixedArg<long>(args[5]) : new FixedArg<long>(ScalarValue.Int64(-1));
            var validity = KernelArgs.Validity(args, rows);
            var output = VariableWidthBuilder.Utf8(rows, source.DataLength / 2);
            var scratch = new Utf16Scratch();
            for (var i = 0; i < rows; i++)
            {
                if (validity is not null && !Bitmap.Get(validity, i))
                {
                    output.AppendNull();
                    continue;
                }

                var regex = regexes.Get(i, out var flags);
                var text = scratch.Decode(source[i]);
                var start = Utf16Scratch.IndexOfCodePoint(text, System.Math.Max(position[i], 1) - 1);
                var wanted = occurrence[i];
                var group = subexpression[i];
                if (group < 0)
                {
                    group = flags.ExtractGroup && regex.GetGroupNumbers().Length > 1 ? 1 : 0;
                }

                scratch.ClearResult();
                if (wanted >= 1 && start < text.Length)
                {
                    Find(regex, text, start, wanted, (int)System.Math.Min(group, int.MaxValue), scratch);
                }

                scratch.WriteResult(output);
            }

            return KernelArgs.Wrap(output.Build(), args, SqlType.String);
        }

        private static void Find(Regex regex, ReadOnlySpan<char> text, int start, long wanted, int group, Utf16Scratch scratch)
        {
            long seen = 0;
            if (group == 0)
            {
                foreach (var match in regex.EnumerateMatches(text, start))
                {
                    if (++seen == wanted)
                    {
                        scratch.Append(text.Slice(match.Index, match.Length));
                        return;
                    }
                }

                return;
            }

            for (var match = regex.Match(new string(text), start); match.Success; match = match.NextMatch())
            {
                if (++seen == wanted)
                {
                    var captured = match.Groups[group];
                    if (captured.Success)
                    {
                        scratch.Append(captured.ValueSpan);
                    }

                    return;
                }
            }
        }
    }
}
