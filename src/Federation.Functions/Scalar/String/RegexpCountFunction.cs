using System.Text.RegularExpressions;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Scalar.String;

/// <summary>
/// REGEXP_COUNT(source, pattern [, position [, parameters]]) (Redshift, PostgreSQL 15): the number of
/// non-overlapping matches at or after character <c>position</c> (a position below 1 counts as 1).
/// </summary>
public sealed class RegexpCountFunction : ScalarFunction
{
    public override string Name => "regexp_count";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        var count = argumentTypes.Count;
        if (count is < 2 or > 4 || !Signatures.IsText(argumentTypes[0]) || !Signatures.IsText(argumentTypes[1])
            || (count > 2 && !Signatures.IsInteger(argumentTypes[2])) || (count > 3 && !Signatures.IsText(argumentTypes[3])))
        {
            return null;
        }

        SqlType[] parameters = count switch
        {
            2 => [SqlType.String, SqlType.String],
            3 => [SqlType.String, SqlType.String, SqlType.Int64],
            _ => [SqlType.String, SqlType.String, SqlType.Int64, SqlType.String],
        };
        return Binding(parameters, SqlType.Int32, new Kernel().Run);
    }

    private sealed class Kernel
    {
        private readonly RegexCache _cache = new();

        public ColumnarValue Run(ReadOnlySpan<ColumnarValue> args, in KernelContext context)
        {
            if (KernelArgs.AnyNullScalar(args))
            {
                return KernelArgs.Null(SqlType.Int32, args, context);
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
            var regexes = new RegexRow(args[1], args.Length > 3 ? args[3] : default, args.Length > 3, _cache, "regexp_count", allowGlobal: false);
            var position = args.Length > 2 ? new FixedArg<long>(args[2]) : new FixedArg<long>(ScalarValue.Int64(1));
            var validity = KernelArgs.Validity(args, rows);
            var buffer = ArrayFactory.AllocateValues<int>(rows);
            var values = ArrayFactory.ValuesOf<int>(buffer);
            var scratch = new Utf16Scratch();
            for (var i = 0; i < rows; i++)
            {
                values[i] = 0;
                if (validity is not null && !Bitmap.Get(validity, i))
                {
                    continue;
                }

                var regex = regexes.Get(i, out _);
                var text = scratch.Decode(source[i]);
                var start = Utf16Scratch.IndexOfCodePoint(text, System.Math.Max(position[i], 1) - 1);
                var matches = 0;
                foreach (var match in regex.EnumerateMatches(text, start))
                {
                    matches++;
                }

                values[i] = matches;
            }

            return KernelArgs.Wrap(ArrayFactory.Fixed(SqlType.Int32, buffer, rows, validity), args, SqlType.Int32);
        }
    }
}
