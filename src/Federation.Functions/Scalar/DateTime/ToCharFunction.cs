using System.Globalization;
using System.Numerics;
using System.Text;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Functions.Scalar.String;

namespace Federation.Functions.Scalar.DateTime;

/// <summary>
/// TO_CHAR(value, format): a date, timestamp or timestamptz (in UTC) formatted with a date/time template
/// (<see cref="DateTemplate"/>), or a number with a numeric template (<see cref="NumberTemplate"/>). A constant
/// format is parsed once per batch. Numbers round half away from zero; doubles round to even, as C's printf.
/// </summary>
public sealed class ToCharFunction : ScalarFunction
{
    public override string Name => "to_char";

    public override string SignatureHint => "to_char(timestamp | numeric, format text)";

    public override ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        if (argumentTypes.Count != 2 || !Signatures.IsText(argumentTypes[1]))
        {
            return null;
        }

        var value = argumentTypes[0];
        if (value.IsTemporal)
        {
            var withZone = value.Kind == TypeKind.TimestampTz;
            return Binding([value, SqlType.String], SqlType.String,
                (ReadOnlySpan<ColumnarValue> args, in KernelContext context) => FormatTemporal(args, context, withZone));
        }

        return value.Kind switch
        {
            TypeKind.Int16 or TypeKind.Int32 or TypeKind.Int64 => Binding([SqlType.Int64, SqlType.String], SqlType.String, FormatInteger),
            TypeKind.Decimal => Binding([value, SqlType.String], SqlType.String,
                (ReadOnlySpan<ColumnarValue> args, in KernelContext context) => FormatDecimal(args, context, value.Scale)),
            TypeKind.Float32 or TypeKind.Float64 or TypeKind.Null => Binding([SqlType.Float64, SqlType.String], SqlType.String, FormatDouble),
            _ => null,
        };
    }

    private static ColumnarValue FormatTemporal(ReadOnlySpan<ColumnarValue> args, in KernelContext context, bool withZone)
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(SqlType.String, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var values = new TemporalArg(args[0]);
        var formats = new Utf8Arg(args[1]);
        var validity = KernelArgs.Validity(args, rows);
        var output = VariableWidthBuilder.Utf8(rows, rows * 16);
        var scratch = new Utf16Scratch();
        byte[]? lastFormat = null;
        DateToken[] tokens = [];
        for (var i = 0; i < rows; i++)
        {
            if (validity is not null && !Bitmap.Get(validity, i))
            {
                output.AppendNull();
                continue;
            }

            var format = formats[i];
            if (lastFormat is null || !format.SequenceEqual(lastFormat))
            {
                tokens = DateTemplate.Parse(Encoding.UTF8.GetString(format));
                lastFormat = format.ToArray();
            }

            scratch.ClearResult();
            DateFormatter.Format(tokens, values[i], withZone ? context.TimeZone : null, scratch);
            scratch.WriteResult(output);
        }

        return KernelArgs.Wrap(output.Build(), args, SqlType.String);
    }

    private static ColumnarValue FormatInteger(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        FormatNumbers(args, context, static (in ColumnarValue value) => new NumberSource(value, 0, NumberKind.Integer));

    private static ColumnarValue FormatDecimal(ReadOnlySpan<ColumnarValue> args, in KernelContext context, int scale) =>
        FormatNumbers(args, context, (in ColumnarValue value) => new NumberSource(value, scale, NumberKind.Decimal));

    private static ColumnarValue FormatDouble(ReadOnlySpan<ColumnarValue> args, in KernelContext context) =>
        FormatNumbers(args, context, static (in ColumnarValue value) => new NumberSource(value, 0, NumberKind.Double));

    private delegate NumberSource SourceFactory(in ColumnarValue value);

    private enum NumberKind
    {
        Integer,
        Decimal,
        Double,
    }

    private static ColumnarValue FormatNumbers(ReadOnlySpan<ColumnarValue> args, in KernelContext context, SourceFactory factory)
    {
        if (KernelArgs.AnyNullScalar(args))
        {
            return KernelArgs.Null(SqlType.String, args, context);
        }

        var rows = KernelArgs.Rows(args, context);
        var source = factory(args[0]);
        var formats = new Utf8Arg(args[1]);
        var validity = KernelArgs.Validity(args, rows);
        var output = VariableWidthBuilder.Utf8(rows, rows * 12);
        var scratch = new Utf16Scratch();
        byte[]? lastFormat = null;
        NumberTemplate? template = null;
        for (var i = 0; i < rows; i++)
        {
            if (validity is not null && !Bitmap.Get(validity, i))
            {
                output.AppendNull();
                continue;
            }

            var format = formats[i];
            if (template is null || !format.SequenceEqual(lastFormat))
            {
                template = NumberTemplate.Parse(Encoding.UTF8.GetString(format));
                lastFormat = format.ToArray();
            }

            scratch.ClearResult();
            source.Format(i, template, scratch);
            scratch.WriteResult(output);
        }

        return KernelArgs.Wrap(output.Build(), args, SqlType.String);
    }

    /// <summary>Reads row values of an integer, decimal or double argument and splits them into digits.</summary>
    private sealed class NumberSource
    {
        private readonly long[]? _longs;
        private readonly Int128[]? _decimals;
        private readonly double[]? _doubles;
        private readonly int _scale;
        private readonly int _mask;

        public NumberSource(in ColumnarValue value, int scale, NumberKind kind)
        {
            _scale = scale;
            _mask = value.IsScalar ? 0 : -1;
            if (kind == NumberKind.Double)
            {
                _doubles = value.IsScalar ? [(double)value.Scalar!.Value!] : ArrayFactory.FixedValues<double>(value.Array!).ToArray();
            }
            else if (kind == NumberKind.Decimal)
            {
                _decimals = value.IsScalar ? [(Int128)value.Scalar!.Value!] : ArrayFactory.DecimalValues(value.Array!).ToArray();
            }
            else
            {
                _longs = value.IsScalar ? [(long)value.Scalar!.Value!] : ArrayFactory.FixedValues<long>(value.Array!).ToArray();
            }
        }

        public void Format(int row, NumberTemplate template, Utf16Scratch output)
        {
            var index = row & _mask;
            var post = template.FractionDigits;
            BigInteger integer;
            string fraction;
            bool negative;
            if (_doubles is not null)
            {
                var value = _doubles[index];
                if (!double.IsFinite(value))
                {
                    output.Append(DecimalMath.FormatDouble(value));
                    return;
                }

                var rounded = post <= 15 ? System.Math.Round(value, post, MidpointRounding.ToEven) : value;
                var text = System.Math.Abs(rounded).ToString("F" + post.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                var point = text.IndexOf('.', StringComparison.Ordinal);
                integer = BigInteger.Parse(point < 0 ? text : text[..point], CultureInfo.InvariantCulture);
                fraction = point < 0 ? string.Empty : text[(point + 1)..];
                negative = rounded < 0 && (integer != 0 || fraction.Trim('0').Length > 0);
            }
            else
            {
                BigInteger unscaled = _decimals is not null ? (BigInteger)_decimals[index] : _longs![index];
                var scale = _decimals is not null ? _scale : 0;
                if (post < scale)
                {
                    var divisor = BigInteger.Pow(10, scale - post);
                    var quotient = BigInteger.DivRem(unscaled, divisor, out var remainder);
                    if (BigInteger.Abs(remainder) * 2 >= divisor)
                    {
                        quotient += unscaled.Sign < 0 ? -1 : 1;
                    }

                    unscaled = quotient;
                }
                else
                {
                    unscaled *= BigInteger.Pow(10, post - scale);
                }

                negative = unscaled.Sign < 0;
                var magnitude = BigInteger.Abs(unscaled);
                var unit = BigInteger.Pow(10, post);
                integer = BigInteger.DivRem(magnitude, unit, out var rest);
                fraction = post == 0 ? string.Empty : rest.ToString(CultureInfo.InvariantCulture).PadLeft(post, '0');
            }

            template.Format(negative, integer.ToString(CultureInfo.InvariantCulture), fraction, integer, output);
        }
    }
}
