using System.Globalization;
using Federation.Common.Types;
using Federation.Logical.Tables;
using OrcKind = Federation.Formats.Orc.Protocol.Type.Types.Kind;
using OrcType = Federation.Formats.Orc.Protocol.Type;

namespace Federation.Formats.Orc;

/// <summary>
/// ORC column statistics (the footer's for the file, the metadata section's for each stripe) as the engine's
/// min / max / null counts, typed as the table's column, for <see cref="Federation.Physical.Pruning.PruningPredicate"/>.
/// Only what converts exactly is given: integers, doubles, dates, decimals and strings (strings only from writers
/// after HIVE-8732, whose string statistics compare UTF-8 bytes correctly). Timestamps are left out: their
/// statistics are in the writer's zone or UTC depending on the writer version.
/// </summary>
internal static class OrcStatistics
{
    public static ColumnStatistics? Of(Protocol.ColumnStatistics? stats, OrcType type, SqlType target, long rows, uint writerVersion)
    {
        if (stats is null)
        {
            return null;
        }

        long? nulls = stats.HasNumberOfValues ? rows - (long)stats.NumberOfValues : null;
        if (nulls is not null && stats.HasHasNull && !stats.HasNull && nulls != 0)
        {
            // Writers before hasNull counted values of nested children: trust only what agrees.
            nulls = null;
        }

        var (min, max) = MinMax(stats, type, target, writerVersion);
        return new ColumnStatistics(min, max, nulls, rows);
    }

    private static (ScalarValue? Min, ScalarValue? Max) MinMax(Protocol.ColumnStatistics stats, OrcType type, SqlType target, uint writerVersion)
    {
        switch (type.Kind)
        {
            case OrcKind.Byte or OrcKind.Short or OrcKind.Int or OrcKind.Long when stats.IntStatistics is { HasMinimum: true, HasMaximum: true } ints:
                return (Integer(ints.Minimum, target), Integer(ints.Maximum, target));
            case OrcKind.Float or OrcKind.Double when stats.DoubleStatistics is { HasMinimum: true, HasMaximum: true } doubles
                                                      && !double.IsNaN(doubles.Minimum) && !double.IsNaN(doubles.Maximum):
                return target.Kind switch
                {
                    TypeKind.Float64 => (ScalarValue.Float64(doubles.Minimum), ScalarValue.Float64(doubles.Maximum)),
                    TypeKind.Float32 => (ScalarValue.Float32((float)doubles.Minimum), ScalarValue.Float32((float)doubles.Maximum)),
                    _ => (null, null),
                };
            case OrcKind.Date when stats.DateStatistics is { HasMinimum: true, HasMaximum: true } dates && target.Kind == TypeKind.Date:
                return (ScalarValue.Date(dates.Minimum), ScalarValue.Date(dates.Maximum));
            case OrcKind.String or OrcKind.Varchar or OrcKind.Char when writerVersion >= 1 && target.Kind == TypeKind.String
                                                                       && stats.StringStatistics is { HasMinimum: true, HasMaximum: true } strings:
                return (ScalarValue.String(strings.Minimum), ScalarValue.String(strings.Maximum));
            case OrcKind.Decimal when target.Kind == TypeKind.Decimal
                                      && stats.DecimalStatistics is { HasMinimum: true, HasMaximum: true } decimals
                                      && ParseDecimal(decimals.Minimum, target.Scale) is { } low && ParseDecimal(decimals.Maximum, target.Scale) is { } high:
                return (ScalarValue.Decimal(low, target.Precision, target.Scale), ScalarValue.Decimal(high, target.Precision, target.Scale));
            default:
                return (null, null);
        }
    }

    private static ScalarValue? Integer(long value, SqlType target) => target.Kind switch
    {
        TypeKind.Int64 => ScalarValue.Int64(value),
        TypeKind.Int32 when value is >= int.MinValue and <= int.MaxValue => ScalarValue.Int32((int)value),
        TypeKind.Int16 when value is >= short.MinValue and <= short.MaxValue => ScalarValue.Int16((short)value),
        _ => null,
    };

    /// <summary>A decimal's text ("-12.345") as unscaled digits at <paramref name="scale"/>; null when it has more digits after the point.</summary>
    internal static Int128? ParseDecimal(string text, int scale)
    {
        var span = text.AsSpan().Trim();
        var negative = span.StartsWith("-");
        if (negative || span.StartsWith("+"))
        {
            span = span[1..];
        }

        var point = span.IndexOf('.');
        var whole = point < 0 ? span : span[..point];
        var fraction = point < 0 ? [] : span[(point + 1)..];
        fraction = fraction.TrimEnd('0');
        if (fraction.Length > scale || whole.Length + scale > 38 || !Int128.TryParse(whole.IsEmpty ? "0" : whole, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        for (var i = 0; i < scale; i++)
        {
            value *= 10;
            if (i < fraction.Length)
            {
                var digit = fraction[i] - '0';
                if (digit is < 0 or > 9)
                {
                    return null;
                }

                value += digit;
            }
        }

        return negative ? -value : value;
    }
}
