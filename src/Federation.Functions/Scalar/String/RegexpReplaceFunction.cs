using System.Text;
using System.Text.RegularExpressions;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>
/// REGEXP_REPLACE, in PostgreSQL's forms: (source, pattern, replacement [, flags]) replaces the first match, or
/// every match with flag 'g'; (source, pattern, replacement, start [, n [, flags]]) (PostgreSQL 15) starts at
/// character <c>start</c> and replaces the n-th match, or all when n = 0. Redshift's forms (source, pattern) and
/// (source, pattern, replacement, position, parameters) replace every match. See <see cref="PgRegex"/> for the
/// dialect and <see cref="ReplacementTemplate"/> for back references.
/// </summary>
public sealed class RegexpReplaceFunction : ScalarFunction
{
    public override string Name => "regexp_replace";

    public override string SignatureHint => "regexp_replace(source text, pattern text, replacement text [, flags text])";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        var count = argumentTypes.Count;
        if (count is < 2 or > 6 || !Signatures.IsText(argumentTypes[0]) || !Signatures.IsText(argumentTypes[1])
            || (count >= 3 && !Signatures.IsText(argumentTypes[2])))
        {
            return null;
        }

        var parameters = new List<SqlType> { SqlType.String, SqlType.String, SqlType.String };
        if (count == 2)
        {
            parameters.RemoveAt(2);
            return Binding(parameters, SqlType.String, new Shape(-1, -1, -1, -1, true).Run);
        }

        if (count == 3)
        {
            return Binding(parameters, SqlType.String, new Shape(2, -1, -1, -1, false).Run);
        }

        if (count == 4 && argumentTypes[3].Kind is TypeKind.String or TypeKind.Null)
        {
            parameters.Add(SqlType.String);
            return Binding(parameters, SqlType.String, new Shape(2, -1, -1, 3, false).Run);
        }

        if (!Signatures.IsInteger(argumentTypes[3]))
        {
            return null;
        }

        parameters.Add(SqlType.Int64);
        if (count == 4)
        {
            return Binding(parameters, SqlType.String, new Shape(2, 3, -1, -1, false).Run);
        }

        if (count == 5 && argumentTypes[4].Kind == TypeKind.String)
        {
            // Redshift: REGEXP_REPLACE(source, pattern, replacement, position, parameters) replaces every match.
            parameters.Add(SqlType.String);
            return Binding(parameters, SqlType.String, new Shape(2, 3, -1, 4, true).Run);
        }

        if (!Signatures.IsInteger(argumentTypes[4]) || (count == 6 && !Signatures.IsText(argumentTypes[5])))
        {
            return null;
        }

        parameters.Add(SqlType.Int64);
        if (count == 6)
        {
            parameters.Add(SqlType.String);
        }

        return Binding(parameters, SqlType.String, new Shape(2, 3, 4, count == 6 ? 5 : -1, false).Run);
    }

    /// <summary>Where each optional argument sits for one bound form, plus that binding's regex cache.</summary>
    private sealed class Shape(int replacementIndex, int startIndex, int occurrenceIndex, int flagsIndex, bool replaceAll)
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
            var hasFlags = flagsIndex >= 0;
            var regexes = new RegexRow(args[1], hasFlags ? args[flagsIndex] : default, hasFlags, _cache, "regexp_replace", allowGlobal: true);
            var replacement = replacementIndex >= 0 ? new Utf8Arg(args[replacementIndex]) : new Utf8Arg(ScalarValue.String(string.Empty));
            var start = startIndex >= 0 ? new FixedArg<long>(args[startIndex]) : new FixedArg<long>(ScalarValue.Int64(1));
            var occurrence = occurrenceIndex >= 0 ? new FixedArg<long>(args[occurrenceIndex]) : new FixedArg<long>(ScalarValue.Int64(-1));
            var validity = KernelArgs.Validity(args, rows);
            var output = VariableWidthBuilder.Utf8(rows, source.DataLength);
            var scratch = new Utf16Scratch();
            ReplacementTemplate? template = null;
            byte[]? templateBytes = null;
            for (var i = 0; i < rows; i++)
            {
                if (validity is not null && !Bitmap.Get(validity, i))
                {
                    output.AppendNull();
                    continue;
                }

                var regex = regexes.Get(i, out var flags);
                var replacementBytes = replacement[i];
                if (template is null || !replacementBytes.SequenceEqual(templateBytes))
                {
                    template = ReplacementTemplate.Parse(Encoding.UTF8.GetString(replacementBytes));
                    templateBytes = replacementBytes.ToArray();
                }

                var first = start[i];
                if (first < 1)
                {
                    throw new Federation.Common.FederationException(Federation.Common.ErrorCode.InvalidArgument,
                        "invalid value for parameter \"start\": " + ScalarErrors.Format(first));
                }

                var n = occurrence[i];
                if (occurrenceIndex >= 0 && n < 0)
                {
                    throw new Federation.Common.FederationException(Federation.Common.ErrorCode.InvalidArgument,
                        "invalid value for parameter \"n\": " + ScalarErrors.Format(n));
                }

                // n: 0 = every match, k = only the k-th; without n, the first unless 'g' (or Redshift's forms).
                if (occurrenceIndex < 0)
                {
                    n = replaceAll || flags.Global ? 0 : 1;
                }

                Replace(regex, scratch.Decode(source[i]), first - 1, n, template, scratch);
                scratch.WriteResult(output);
            }

            return KernelArgs.Wrap(output.Build(), args, SqlType.String);
        }

        private static void Replace(Regex regex, ReadOnlySpan<char> text, long startCodePoint, long n, ReplacementTemplate template, Utf16Scratch scratch)
        {
            scratch.ClearResult();
            var startIndex = Utf16Scratch.IndexOfCodePoint(text, startCodePoint);
            var last = 0;
            long seen = 0;
            if (!template.HasGroups)
            {
                foreach (var match in regex.EnumerateMatches(text, startIndex))
                {
                    seen++;
                    if (n == 0 || seen == n)
                    {
                        scratch.Append(text[last..match.Index]);
                        scratch.Append(template.Literal);
                        last = match.Index + match.Length;
                        if (n != 0)
                        {
                            break;
                        }
                    }
                }
            }
            else
            {
                var input = new string(text);
                for (var match = regex.Match(input, startIndex); match.Success; match = match.NextMatch())
                {
                    seen++;
                    if (n == 0 || seen == n)
                    {
                        scratch.Append(text[last..match.Index]);
                        template.AppendTo(scratch, match);
                        last = match.Index + match.Length;
                        if (n != 0)
                        {
                            break;
                        }
                    }
                }
            }

            scratch.Append(text[last..]);
        }
    }
}
