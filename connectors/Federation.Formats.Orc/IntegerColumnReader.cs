using System.Runtime.InteropServices;
using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Formats.Orc;

/// <summary>
/// A tinyint, smallint, int or bigint column (and dates, which are int days), decoded as 64-bit integers and written
/// as the table's type: a narrower integer (each value checked), a wider one, or a decimal (scaled).
/// </summary>
internal sealed class IntegerColumnReader(BooleanRleDecoder? present, IIntegerDecoder data, SqlType target, string column) : OrcColumnReader(present, column)
{
    private long[] _scratch = [];

    protected override IArrowArray ReadValues(int rows, byte[]? validity, int nonNull)
    {
        if (_scratch.Length < rows)
        {
            _scratch = new long[rows];
        }

        var values = _scratch.AsSpan(0, rows);
        data.Read(values[..nonNull]);
        Spread(values, validity, rows, nonNull);
        switch (target.Kind)
        {
            case TypeKind.Int64:
            {
                var buffer = ArrayFactory.AllocateValues<long>(rows);
                values.CopyTo(ArrayFactory.ValuesOf<long>(buffer));
                return ArrayFactory.Fixed(target, buffer, rows, validity);
            }

            case TypeKind.Int32:
            case TypeKind.Date:
            {
                var buffer = ArrayFactory.AllocateValues<int>(rows);
                var output = ArrayFactory.ValuesOf<int>(buffer);
                for (var i = 0; i < rows; i++)
                {
                    var value = values[i];
                    if (value is < int.MinValue or > int.MaxValue)
                    {
                        throw Overflow(value);
                    }

                    output[i] = (int)value;
                }

                return ArrayFactory.Fixed(target, buffer, rows, validity);
            }

            case TypeKind.Int16:
            {
                var buffer = ArrayFactory.AllocateValues<short>(rows);
                var output = ArrayFactory.ValuesOf<short>(buffer);
                for (var i = 0; i < rows; i++)
                {
                    var value = values[i];
                    if (value is < short.MinValue or > short.MaxValue)
                    {
                        throw Overflow(value);
                    }

                    output[i] = (short)value;
                }

                return ArrayFactory.Fixed(target, buffer, rows, validity);
            }

            case TypeKind.Decimal:
            {
                var buffer = ArrayFactory.AllocateValues<Int128>(rows);
                var output = MemoryMarshal.Cast<byte, Int128>(buffer.AsSpan());
                var factor = Int128.One;
                for (var s = 0; s < target.Scale; s++)
                {
                    factor *= 10;
                }

                for (var i = 0; i < rows; i++)
                {
                    output[i] = values[i] * factor;
                }

                return ArrayFactory.Fixed(target, buffer, rows, validity);
            }

            case TypeKind.Float64:
            {
                var buffer = ArrayFactory.AllocateValues<double>(rows);
                var output = ArrayFactory.ValuesOf<double>(buffer);
                for (var i = 0; i < rows; i++)
                {
                    output[i] = values[i];
                }

                return ArrayFactory.Fixed(target, buffer, rows, validity);
            }

            default:
                throw new OrcFormatException($"column \"{Column}\": integers do not read as {target}", ErrorCode.SchemaMismatch);
        }
    }

    private OrcFormatException Overflow(long value) =>
        new($"column \"{Column}\": the value {value} does not fit the table's type {target}", ErrorCode.NumericOverflow);
}
