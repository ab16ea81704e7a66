using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Formats.Orc;

/// <summary>A string, varchar, char or binary column in DIRECT(_V2) encoding: LENGTH holds each non-null value's byte length, DATA their bytes back to back.</summary>
internal sealed class StringDirectColumnReader(BooleanRleDecoder? present, ReadOnlyMemory<byte> data, IIntegerDecoder lengthStream, SqlType target, string column)
    : OrcColumnReader(present, column)
{
    private long[] _lengths = [];
    private int _position;

    protected override IArrowArray ReadValues(int rows, byte[]? validity, int nonNull)
    {
        if (_lengths.Length < nonNull)
        {
            _lengths = new long[nonNull];
        }

        var lengths = _lengths.AsSpan(0, nonNull);
        lengths.Clear();
        lengthStream.Read(lengths);
        long total = 0;
        for (var i = 0; i < lengths.Length; i++)
        {
            if (lengths[i] < 0)
            {
                throw new OrcFormatException($"column \"{Column}\": a value has the negative length {lengths[i]}");
            }

            total += lengths[i];
        }

        if (total > data.Length - _position)
        {
            throw new OrcFormatException($"column \"{Column}\": the values' lengths add up to {total} bytes, but the DATA stream has {data.Length - _position} left");
        }

        var offsetsBuffer = ArrayFactory.AllocateValues<int>(rows + 1);
        var offsets = ArrayFactory.ValuesOf<int>(offsetsBuffer);
        var bytes = ArrayFactory.AllocateVariableData(total);
        data.Span.Slice(_position, (int)total).CopyTo(bytes);
        _position += (int)total;
        var end = 0;
        var source = 0;
        offsets[0] = 0;
        for (var row = 0; row < rows; row++)
        {
            if (validity is null || Bitmap.Get(validity, row))
            {
                end += (int)lengths[source++];
            }

            offsets[row + 1] = end;
        }

        return ArrayFactory.Variable(target, offsetsBuffer, bytes, rows, validity);
    }

}
