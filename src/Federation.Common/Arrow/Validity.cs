using Apache.Arrow;
using Apache.Arrow.Types;

namespace Federation.Common.Arrow;

/// <summary>Reads an array's validity as a bit map that starts at bit 0, whatever the array's offset.</summary>
public static class Validity
{
    /// <summary>True when some value may be null (a validity buffer exists and the null count is not zero).</summary>
    public static bool HasNulls(IArrowArray array) =>
        array.Data.DataType.TypeId == ArrowTypeId.Null ? array.Length > 0 : array.NullCount != 0 && !array.Data.Buffers[0].IsEmpty;

    /// <summary>
    /// The validity bits aligned to bit 0 (bit i is row i), or an empty span when no value is null.
    /// Copies only when the array's offset is not a multiple of 8.
    /// </summary>
    public static ReadOnlySpan<byte> Bits(IArrowArray array)
    {
        if (array.Data.DataType.TypeId == ArrowTypeId.Null)
        {
            return array.Length == 0 ? default : Bitmap.AllClear(array.Length);
        }

        if (!HasNulls(array))
        {
            return default;
        }

        var buffer = array.Data.Buffers[0].Span;
        var offset = array.Offset;
        if ((offset & 7) == 0)
        {
            return buffer[(offset >> 3)..];
        }

        return Bitmap.Copy(buffer, offset, array.Length);
    }

    /// <summary>Like <see cref="Bits"/> but always returns a private copy that the caller may change.</summary>
    public static byte[]? CopyBits(IArrowArray array)
    {
        if (!HasNulls(array))
        {
            return null;
        }

        if (array.Data.DataType.TypeId == ArrowTypeId.Null)
        {
            return Bitmap.AllClear(array.Length);
        }

        return Bitmap.Copy(array.Data.Buffers[0].Span, array.Offset, array.Length);
    }

    public static bool IsValid(ReadOnlySpan<byte> bits, int index) => bits.IsEmpty || Bitmap.Get(bits, index);

    /// <summary>AND of two validity maps, either of which may be empty (all valid). Returns null when all valid.</summary>
    public static byte[]? Combine(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int length)
    {
        if (a.IsEmpty && b.IsEmpty)
        {
            return null;
        }

        var result = new byte[Bitmap.BytesFor(length)];
        if (a.IsEmpty)
        {
            b[..result.Length].CopyTo(result);
        }
        else if (b.IsEmpty)
        {
            a[..result.Length].CopyTo(result);
        }
        else
        {
            Bitmap.And(a, b, result);
        }

        return result;
    }

    /// <summary>Null count of a validity map of the given length (null map means no nulls).</summary>
    public static int NullCount(byte[]? bits, int length) => bits is null ? 0 : length - Bitmap.CountSet(bits, length);
}
