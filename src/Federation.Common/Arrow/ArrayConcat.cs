using Apache.Arrow;
using Apache.Arrow.Types;

namespace Federation.Common.Arrow;

/// <summary>
/// Appends arrays of one type end to end: the kernel under batch coalescing and the build sides of joins, sorts and
/// windows. Every output buffer is sized exactly before it is filled and comes from the managed heap uninitialised.
/// Arrow's own concatenator grows native buffers by doubling, zeroes them and frees them by finalizer, so each
/// concatenation reached fresh memory from the OS: on TPC-H Q09 at SF 1 its page faults, zeroing and copies were
/// a fifth of the CPU time.
/// </summary>
public static class ArrayConcat
{
    public static IArrowArray Concat(IReadOnlyList<IArrowArray> parts)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var type = parts[0].Data.DataType;
        return type.TypeId switch
        {
            ArrowTypeId.Null => new NullArray(TotalLength(parts)),
            ArrowTypeId.Boolean => ConcatBoolean(parts),
            ArrowTypeId.Int8 or ArrowTypeId.UInt8 => ConcatFixed<byte>(parts),
            ArrowTypeId.Int16 or ArrowTypeId.UInt16 => ConcatFixed<short>(parts),
            ArrowTypeId.Int32 or ArrowTypeId.UInt32 or ArrowTypeId.Date32 or ArrowTypeId.Float => ConcatFixed<int>(parts),
            ArrowTypeId.Int64 or ArrowTypeId.UInt64 or ArrowTypeId.Double or ArrowTypeId.Timestamp => ConcatFixed<long>(parts),
            ArrowTypeId.Decimal128 => ConcatFixed<Int128>(parts),
            ArrowTypeId.Interval when ((IntervalType)type).Unit == IntervalUnit.MonthDayNanosecond => ConcatFixed<Int128>(parts),
            ArrowTypeId.String or ArrowTypeId.Binary => ConcatVariable(parts),
            ArrowTypeId.Dictionary => ConcatDictionary(parts),
            _ => ArrowArrayConcatenator.Concatenate(parts),
        };
    }

    private static int TotalLength(IReadOnlyList<IArrowArray> parts)
    {
        long total = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            total += parts[i].Length;
        }

        if (total > int.MaxValue)
        {
            throw new FederationException(ErrorCode.MemoryLimitExceeded, "more than 2^31 rows would be held as one batch");
        }

        return (int)total;
    }

    /// <summary>The parts' validity end to end, or null when no part has a null.</summary>
    private static byte[]? ConcatValidity(IReadOnlyList<IArrowArray> parts, int total)
    {
        var any = false;
        for (var i = 0; i < parts.Count && !any; i++)
        {
            any = Validity.HasNulls(parts[i]);
        }

        if (!any)
        {
            return null;
        }

        var result = Bitmap.AllSet(total);
        var at = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            var bits = Validity.Bits(part);
            if (!bits.IsEmpty)
            {
                CopyBits(bits, result, at, part.Length);
            }

            at += part.Length;
        }

        return result;
    }

    /// <summary>Bits [0, length) of <paramref name="source"/> into <paramref name="target"/> from bit <paramref name="at"/>.</summary>
    private static void CopyBits(ReadOnlySpan<byte> source, Span<byte> target, int at, int length)
    {
        var i = 0;
        if ((at & 7) == 0)
        {
            var whole = length >> 3;
            source[..whole].CopyTo(target[(at >> 3)..]);
            i = whole << 3;
        }

        for (; i < length; i++)
        {
            Bitmap.SetTo(target, at + i, Bitmap.Get(source, i));
        }
    }

    private static IArrowArray ConcatFixed<T>(IReadOnlyList<IArrowArray> parts)
        where T : unmanaged
    {
        var total = TotalLength(parts);
        var buffer = ArrayFactory.AllocateValues<T>(total);
        var output = ArrayFactory.ValuesOf<T>(buffer);
        var at = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            var values = ArrayFactory.FixedValues<T>(parts[i]);
            values.CopyTo(output[at..]);
            at += values.Length;
        }

        return ArrayFactory.Fixed(parts[0].Data.DataType, buffer, total, ConcatValidity(parts, total));
    }

    private static IArrowArray ConcatBoolean(IReadOnlyList<IArrowArray> parts)
    {
        var total = TotalLength(parts);
        var output = GC.AllocateUninitializedArray<byte>(Bitmap.BytesFor(total));
        var at = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            var part = (BooleanArray)parts[i];
            var bits = part.ValueBuffer.Span;
            if ((part.Offset & 7) == 0)
            {
                CopyBits(bits[(part.Offset >> 3)..], output, at, part.Length);
            }
            else
            {
                CopyBits(Bitmap.Copy(bits, part.Offset, part.Length), output, at, part.Length);
            }

            at += part.Length;
        }

        return ArrayFactory.Boolean(output, total, ConcatValidity(parts, total));
    }

    private static IArrowArray ConcatVariable(IReadOnlyList<IArrowArray> parts)
    {
        var total = TotalLength(parts);
        long bytes = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            // An empty part may have no offsets at all (as IPC and the C data interface allow).
            if (parts[i].Length > 0)
            {
                var offsets = ((BinaryArray)parts[i]).ValueOffsets;
                bytes += offsets[^1] - offsets[0];
            }
        }

        var offsetsBuffer = ArrayFactory.AllocateValues<int>(total + 1);
        var outOffsets = ArrayFactory.ValuesOf<int>(offsetsBuffer);
        var data = ArrayFactory.AllocateVariableData(bytes);
        var row = 0;
        var position = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            var part = (BinaryArray)parts[i];
            if (part.Length == 0)
            {
                continue;
            }

            var offsets = part.ValueOffsets;
            var first = offsets[0];
            var length = offsets[^1] - first;
            part.ValueBuffer.Span.Slice(first, length).CopyTo(data.AsSpan(position));
            var shift = position - first;
            for (var r = 0; r < part.Length; r++)
            {
                outOffsets[row + r] = offsets[r] + shift;
            }

            row += part.Length;
            position += length;
        }

        outOffsets[total] = position;
        return ArrayFactory.Variable(parts[0].Data.DataType, offsetsBuffer, data, total, ConcatValidity(parts, total));
    }

    /// <summary>Parts over one dictionary keep it and append their indices; parts over different ones are decoded.</summary>
    private static IArrowArray ConcatDictionary(IReadOnlyList<IArrowArray> parts)
    {
        var first = (DictionaryArray)parts[0];
        var shared = true;
        for (var i = 1; i < parts.Count && shared; i++)
        {
            shared = parts[i] is DictionaryArray other && ReferenceEquals(other.Dictionary, first.Dictionary);
        }

        if (!shared)
        {
            var decoded = new IArrowArray[parts.Count];
            for (var i = 0; i < decoded.Length; i++)
            {
                decoded[i] = ArrowNormalizer.Normalize(parts[i]);
            }

            return Concat(decoded);
        }

        var total = TotalLength(parts);
        var buffer = ArrayFactory.AllocateValues<int>(total);
        var output = ArrayFactory.ValuesOf<int>(buffer);
        byte[]? validity = null;
        var at = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            var positions = DictionaryIndices.Positions((DictionaryArray)parts[i]);
            for (var r = 0; r < positions.Length; r++)
            {
                var position = positions[r];
                output[at + r] = Math.Max(position, 0);
                if (position < 0)
                {
                    validity ??= Bitmap.AllSet(total);
                    Bitmap.Clear(validity, at + r);
                }
            }

            at += positions.Length;
        }

        var type = new DictionaryType(Int32Type.Default, first.Dictionary.Data.DataType, false);
        return new DictionaryArray(type, ArrayFactory.Fixed(Int32Type.Default, buffer, total, validity), first.Dictionary);
    }
}
