using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Formats.Orc;

/// <summary>A float or double column: DATA holds the non-null values as little-endian IEEE 754, 4 or 8 bytes each; floats may widen to double.</summary>
internal sealed class FloatingColumnReader(BooleanRleDecoder? present, ReadOnlyMemory<byte> data, bool isFloat, SqlType target, string column)
    : OrcColumnReader(present, column)
{
    private int _position;

    protected override IArrowArray ReadValues(int rows, byte[]? validity, int nonNull)
    {
        var width = isFloat ? 4 : 8;
        if ((long)nonNull * width > data.Length - _position)
        {
            throw new OrcFormatException($"column \"{Column}\": the DATA stream ends before {nonNull} more values");
        }

        var bytes = data.Span.Slice(_position, nonNull * width);
        _position += nonNull * width;
        if (target.Kind == TypeKind.Float32)
        {
            var buffer = ArrayFactory.AllocateValues<float>(rows);
            var output = ArrayFactory.ValuesOf<float>(buffer);
            if (BitConverter.IsLittleEndian)
            {
                MemoryMarshal.Cast<byte, float>(bytes).CopyTo(output);
            }
            else
            {
                for (var i = 0; i < nonNull; i++)
                {
                    output[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]);
                }
            }

            Spread(output, validity, rows, nonNull);
            return ArrayFactory.Fixed(target, buffer, rows, validity);
        }

        var doubles = ArrayFactory.AllocateValues<double>(rows);
        var result = ArrayFactory.ValuesOf<double>(doubles);
        if (isFloat)
        {
            for (var i = 0; i < nonNull; i++)
            {
                result[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]);
            }
        }
        else if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, double>(bytes).CopyTo(result);
        }
        else
        {
            for (var i = 0; i < nonNull; i++)
            {
                result[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(i * 8)..]);
            }
        }

        Spread(result, validity, rows, nonNull);
        return ArrayFactory.Fixed(target, doubles, rows, validity);
    }
}
