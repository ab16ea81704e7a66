using Apache.Arrow;
using Apache.Arrow.Types;

namespace Federation.Common.Arrow;

/// <summary>
/// Gathers rows of an array by index: the kernel under filter, sort, join output and group emission.
/// An index of -1 produces a null (outer-join padding).
/// </summary>
public static class ArrayTake
{
    public static IArrowArray Take(IArrowArray array, ReadOnlySpan<int> indices)
    {
        var type = array.Data.DataType;
        return type.TypeId switch
        {
            ArrowTypeId.Null => new NullArray(indices.Length),
            ArrowTypeId.Boolean => TakeBoolean(array, indices),
            ArrowTypeId.Int16 => TakeFixed<short>(array, indices),
            ArrowTypeId.Int32 or ArrowTypeId.Date32 or ArrowTypeId.Float => TakeFixed<int>(array, indices),
            ArrowTypeId.Int64 or ArrowTypeId.Double or ArrowTypeId.Timestamp => TakeFixed<long>(array, indices),
            ArrowTypeId.Decimal128 or ArrowTypeId.Interval => TakeFixed<Int128>(array, indices),
            ArrowTypeId.String or ArrowTypeId.Binary => TakeVariable(array, indices),
            _ => throw FederationException.Internal($"take is not implemented for {type.Name}"),
        };
    }

    private static byte[]? TakeValidity(IArrowArray array, ReadOnlySpan<int> indices)
    {
        var sourceValidity = Validity.Bits(array);
        var anyMissing = false;
        foreach (var index in indices)
        {
            if (index < 0)
            {
                anyMissing = true;
                break;
            }
        }

        if (sourceValidity.IsEmpty && !anyMissing)
        {
            return null;
        }

        var result = Bitmap.AllClear(indices.Length);
        for (var i = 0; i < indices.Length; i++)
        {
            var index = indices[i];
            if (index >= 0 && (sourceValidity.IsEmpty || Bitmap.Get(sourceValidity, index)))
            {
                Bitmap.Set(result, i);
            }
        }

        return result;
    }

    private static IArrowArray TakeFixed<T>(IArrowArray array, ReadOnlySpan<int> indices)
        where T : unmanaged
    {
        var values = ArrayFactory.FixedValues<T>(array);
        var buffer = ArrayFactory.AllocateValues<T>(indices.Length);
        var output = ArrayFactory.ValuesOf<T>(buffer);
        for (var i = 0; i < indices.Length; i++)
        {
            var index = indices[i];
            output[i] = index >= 0 ? values[index] : default;
        }

        return ArrayFactory.Fixed(array.Data.DataType, buffer, indices.Length, TakeValidity(array, indices));
    }

    private static IArrowArray TakeBoolean(IArrowArray array, ReadOnlySpan<int> indices)
    {
        var source = (BooleanArray)array;
        var bits = source.ValueBuffer.Span;
        var offset = source.Offset;
        var output = Bitmap.AllClear(indices.Length);
        for (var i = 0; i < indices.Length; i++)
        {
            var index = indices[i];
            if (index >= 0 && Bitmap.Get(bits, offset + index))
            {
                Bitmap.Set(output, i);
            }
        }

        return ArrayFactory.Boolean(output, indices.Length, TakeValidity(array, indices));
    }

    private static IArrowArray TakeVariable(IArrowArray array, ReadOnlySpan<int> indices)
    {
        var source = (BinaryArray)array;
        var offsets = source.ValueOffsets;
        var data = source.ValueBuffer.Span;
        long total = 0;
        foreach (var index in indices)
        {
            if (index >= 0)
            {
                total += offsets[index + 1] - offsets[index];
            }
        }

        if (total > int.MaxValue)
        {
            throw new FederationException(ErrorCode.MemoryLimitExceeded, "a string column of one batch exceeds 2 GiB");
        }

        var outOffsetsBuffer = ArrayFactory.AllocateValues<int>(indices.Length + 1);
        var outOffsets = ArrayFactory.ValuesOf<int>(outOffsetsBuffer);
        var outData = GC.AllocateUninitializedArray<byte>((int)total);
        var position = 0;
        for (var i = 0; i < indices.Length; i++)
        {
            outOffsets[i] = position;
            var index = indices[i];
            if (index >= 0)
            {
                var start = offsets[index];
                var length = offsets[index + 1] - start;
                data.Slice(start, length).CopyTo(outData.AsSpan(position));
                position += length;
            }
        }

        outOffsets[indices.Length] = position;
        var validity = TakeValidity(array, indices);
        var nullCount = Validity.NullCount(validity, indices.Length);
        var arrayData = new ArrayData(array.Data.DataType, indices.Length, nullCount, 0,
            [nullCount == 0 ? ArrowBuffer.Empty : new ArrowBuffer(validity!), new ArrowBuffer(outOffsetsBuffer), new ArrowBuffer(outData)]);
        return ArrowArrayFactory.BuildArray(arrayData);
    }
}
