using System.Runtime.CompilerServices;
using System.Text.Unicode;
using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Formats.Avro;

/// <summary>
/// Decodes records of one writer schema straight into the builders of the projected columns: per field, one step
/// chosen when the file was opened (<see cref="AvroColumnBinder"/>), so a record costs a loop over its fields with a
/// switch on each conversion, and unprojected fields are skipped by their schema. Nothing is allocated per record
/// except for values rendered as text.
/// </summary>
internal sealed class AvroRecordDecoder
{
    private readonly AvroFieldStep[] _steps;
    private readonly bool[] _present;
    private readonly SqlType[] _types;
    private readonly int _capacity;
    private readonly AvroTextRenderer _renderer = new();
    private AvroColumnBuilder[] _builders;

    public AvroRecordDecoder(AvroFieldStep[] steps, bool[] present, SqlType[] types, int capacity)
    {
        _steps = steps;
        _present = present;
        _types = types;
        _capacity = capacity;
        _builders = NewBuilders();
    }

    /// <summary>What to do with a value that does not fit its column instead of failing; null when nothing is handled.</summary>
    public AvroBadValues? Bad { get; set; }

    /// <summary>Records decoded into the current batch.</summary>
    public int Rows { get; private set; }

    private AvroColumnBuilder[] NewBuilders()
    {
        var builders = new AvroColumnBuilder[_types.Length];
        for (var s = 0; s < builders.Length; s++)
        {
            if (_present[s])
            {
                builders[s] = new AvroColumnBuilder(_types[s], _capacity);
            }
        }

        return builders;
    }

    /// <summary>Decodes <paramref name="count"/> records (at most the room left in the batch) from <paramref name="position"/>, which it moves on.</summary>
    public void Decode(ReadOnlySpan<byte> data, ref int position, int count)
    {
        var reader = new AvroBinaryReader(data, position);
        var steps = _steps;
        var builders = _builders;
        for (var r = 0; r < count; r++)
        {
            for (var s = 0; s < steps.Length; s++)
            {
                var step = steps[s];
                if (step.Slot < 0)
                {
                    reader.Skip(step.Writer);
                    continue;
                }

                var builder = builders[step.Slot];
                if (step.ValueBranch >= 0 && reader.ReadUnionIndex(step.Writer) != step.ValueBranch)
                {
                    builder.AppendNull();
                    continue;
                }

                Read(ref reader, step, builder);
            }

            Rows++;
        }

        position = reader.Position;
    }

    /// <summary>The columns of the records decoded since the last call, in slot order (all-NULL for columns the file lacks).</summary>
    public IArrowArray[] TakeColumns()
    {
        var columns = new IArrowArray[_types.Length];
        for (var s = 0; s < columns.Length; s++)
        {
            columns[s] = _present[s] ? _builders[s].Build() : ArrayFactory.Nulls(_types[s], Rows);
        }

        _builders = NewBuilders();
        Rows = 0;
        return columns;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Read(ref AvroBinaryReader reader, AvroFieldStep step, AvroColumnBuilder builder)
    {
        switch (step.Conversion)
        {
            case AvroConversion.Boolean:
                builder.AppendBoolean(reader.ReadBoolean());
                break;
            case AvroConversion.IntToInt16:
            case AvroConversion.LongToInt16:
            {
                var value = reader.ReadLong();
                if (value is < short.MinValue or > short.MaxValue)
                {
                    OutOfRange(builder, step, value);
                    break;
                }

                builder.AppendInt16((short)value);
                break;
            }

            case AvroConversion.IntToInt32:
                builder.AppendInt32(reader.ReadInt());
                break;
            case AvroConversion.LongToInt32:
            {
                var value = reader.ReadLong();
                if (value is < int.MinValue or > int.MaxValue)
                {
                    OutOfRange(builder, step, value);
                    break;
                }

                builder.AppendInt32((int)value);
                break;
            }

            case AvroConversion.IntToInt64:
            case AvroConversion.LongToInt64:
            case AvroConversion.Micros:
                builder.AppendInt64(reader.ReadLong());
                break;
            case AvroConversion.Date:
                builder.AppendInt32(reader.ReadInt());
                break;
            case AvroConversion.MillisToMicros:
            {
                var value = reader.ReadLong();
                if (value is < long.MinValue / 1000 or > long.MaxValue / 1000)
                {
                    OutOfRange(builder, step, value);
                    break;
                }

                builder.AppendInt64(value * 1000);
                break;
            }

            case AvroConversion.NanosToMicros:
            {
                // Floored, so that a time before the epoch keeps its microsecond.
                var nanos = reader.ReadLong();
                var micros = nanos / 1000;
                builder.AppendInt64(nanos % 1000 < 0 ? micros - 1 : micros);
                break;
            }

            case AvroConversion.IntToFloat32:
                builder.AppendFloat(reader.ReadInt());
                break;
            case AvroConversion.IntToFloat64:
            case AvroConversion.LongToFloat64:
                builder.AppendDouble(reader.ReadLong());
                break;
            case AvroConversion.FloatToFloat32:
                builder.AppendFloat(reader.ReadFloat());
                break;
            case AvroConversion.FloatToFloat64:
                builder.AppendDouble(reader.ReadFloat());
                break;
            case AvroConversion.DoubleToFloat64:
                builder.AppendDouble(reader.ReadDouble());
                break;
            case AvroConversion.IntToDecimal:
            case AvroConversion.LongToDecimal:
                AppendDecimal(builder, step, reader.ReadLong());
                break;
            case AvroConversion.BytesDecimal:
                AppendDecimal(builder, step, BigEndian(reader.ReadBytes(), step));
                break;
            case AvroConversion.FixedDecimal:
                AppendDecimal(builder, step, BigEndian(reader.Take(step.Value.Size), step));
                break;
            case AvroConversion.BytesToBinary:
                builder.AppendBytes(reader.ReadBytes());
                break;
            case AvroConversion.FixedToBinary:
                builder.AppendBytes(reader.Take(step.Value.Size));
                break;
            case AvroConversion.StringToText:
                AppendText(builder, step, reader.ReadBytes());
                break;
            case AvroConversion.FixedToText:
                AppendText(builder, step, reader.Take(step.Value.Size));
                break;
            case AvroConversion.EnumToText:
            {
                var symbol = reader.ReadLong();
                var symbols = step.Value.Symbols;
                if ((ulong)symbol >= (ulong)symbols.Count)
                {
                    throw new AvroFormatException($"column \"{step.Column}\": enum index {symbol} is out of range for {step.Value} ({symbols.Count} symbols)");
                }

                builder.AppendBytes(symbols[(int)symbol]);
                break;
            }

            case AvroConversion.RenderText:
                _renderer.Render(ref reader, step.Value, builder, step.Column);
                break;
            default:
                throw FederationException.Internal($"Avro conversion {step.Conversion} has no reader");
        }
    }

    private void AppendText(AvroColumnBuilder builder, AvroFieldStep step, ReadOnlySpan<byte> bytes)
    {
        if (!Utf8.IsValid(bytes))
        {
            var message = $"column \"{step.Column}\": a {step.Value} value is not valid UTF-8 text (declare the column varbinary to read its bytes)";
            if (Bad is null)
            {
                throw new AvroFormatException(message);
            }

            Bad.InvalidText(builder, step, Rows, bytes, message);
            return;
        }

        builder.AppendBytes(bytes);
    }

    private void AppendDecimal(AvroColumnBuilder builder, AvroFieldStep step, Int128 unscaled)
    {
        if (unscaled >= step.Limit || unscaled <= -step.Limit)
        {
            var message = $"column \"{step.Column}\": the value {unscaled} (unscaled, as {step.Value}) does not fit {step.Type}";
            if (Bad is null)
            {
                throw new AvroFormatException(message, ErrorCode.NumericOverflow);
            }

            Bad.Overflow(builder, step, Rows, $"{unscaled} (unscaled)", message);
            return;
        }

        builder.AppendInt128(unscaled * step.Multiplier);
    }

    /// <summary>A big-endian two's-complement integer of any length whose value fits 128 bits (Avro's decimal bytes).</summary>
    internal static Int128 BigEndian(ReadOnlySpan<byte> bytes, AvroFieldStep step)
    {
        if (bytes.IsEmpty)
        {
            return Int128.Zero;
        }

        if (bytes.Length > 16)
        {
            var sign = (byte)((sbyte)bytes[^16] < 0 ? 0xFF : 0x00);
            foreach (var b in bytes[..^16])
            {
                if (b != sign)
                {
                    throw new AvroFormatException($"column \"{step.Column}\": a {bytes.Length}-byte decimal does not fit 128 bits", ErrorCode.NumericOverflow);
                }
            }

            bytes = bytes[^16..];
        }

        Int128 value = (sbyte)bytes[0];
        for (var i = 1; i < bytes.Length; i++)
        {
            value = (value << 8) | bytes[i];
        }

        return value;
    }

    private void OutOfRange(AvroColumnBuilder builder, AvroFieldStep step, long value)
    {
        var message = $"column \"{step.Column}\": the value {value} (as {step.Value}) is out of range for {step.Type}";
        if (Bad is null)
        {
            throw new AvroFormatException(message, ErrorCode.NumericOverflow);
        }

        Bad.Overflow(builder, step, Rows, value.ToString(System.Globalization.CultureInfo.InvariantCulture), message);
    }
}
