using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.LocalTables;

/// <summary>
/// Cuts a decoded block (up to a megabyte of values) into batch-sized arrays that own their buffers. Slices would
/// share the block's buffers, so every batch downstream would be charged (memory limits, spilling) and kept alive
/// for the whole block.
/// </summary>
internal static class ArrayPieces
{
    public static IArrowArray[] Split(IArrowArray array, SqlType type, int pieceRows)
    {
        var rows = array.Length;
        var count = Math.Max(1, (rows + pieceRows - 1) / pieceRows);
        var pieces = new IArrowArray[count];
        if (count == 1)
        {
            pieces[0] = array;
            return pieces;
        }

        var validity = Validity.Bits(array);
        for (var p = 0; p < count; p++)
        {
            var start = p * pieceRows;
            var length = Math.Min(pieceRows, rows - start);
            var bits = validity.IsEmpty ? null : Bitmap.Copy(validity, start, length);
            pieces[p] = type.Kind switch
            {
                TypeKind.Null => new NullArray(length),
                TypeKind.Boolean => ArrayFactory.Boolean(Bitmap.Copy(((BooleanArray)array).ValueBuffer.Span, start, length), length, bits),
                TypeKind.String or TypeKind.Binary => Variable((BinaryArray)array, type, start, length, bits),
                _ => Fixed(array, type, start, length, bits),
            };
        }

        return pieces;
    }

    private static IArrowArray Fixed(IArrowArray array, SqlType type, int start, int length, byte[]? bits)
    {
        var width = ArrayFactory.ByteWidth(type);
        var values = array.Data.Buffers[1].Span.Slice(start * width, length * width).ToArray();
        return ArrayFactory.Fixed(type, values, length, bits);
    }

    private static IArrowArray Variable(BinaryArray array, SqlType type, int start, int length, byte[]? bits)
    {
        var source = array.ValueOffsets;
        var first = source[start];
        var offsets = ArrayFactory.AllocateValues<int>(length + 1);
        var rebased = ArrayFactory.ValuesOf<int>(offsets);
        for (var i = 0; i <= length; i++)
        {
            rebased[i] = source[start + i] - first;
        }

        var data = array.ValueBuffer.Span[first..source[start + length]].ToArray();
        return ArrayFactory.Variable(type, offsets, data, length, bits);
    }
}
