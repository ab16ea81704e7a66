using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
            ArrowTypeId.Dictionary => TakeDictionary((DictionaryArray)array, indices),
            _ => throw FederationException.Internal($"take is not implemented for {type.Name}"),
        };
    }

    /// <summary>Takes the indices only: the result shares the dictionary (still to be decoded by whoever needs the values).</summary>
    private static DictionaryArray TakeDictionary(DictionaryArray array, ReadOnlySpan<int> indices)
    {
        var positions = DictionaryIndices.Positions(array);
        var buffer = ArrayFactory.AllocateValues<int>(indices.Length);
        var taken = ArrayFactory.ValuesOf<int>(buffer);
        byte[]? validity = null;
        for (var i = 0; i < indices.Length; i++)
        {
            var position = indices[i] < 0 ? -1 : positions[indices[i]];
            taken[i] = Math.Max(position, 0);
            if (position < 0)
            {
                validity ??= Bitmap.AllSet(indices.Length);
                Bitmap.Clear(validity, i);
            }
        }

        var type = new DictionaryType(Int32Type.Default, array.Dictionary.Data.DataType, false);
        return new DictionaryArray(type, ArrayFactory.Fixed(Int32Type.Default, buffer, indices.Length, validity), array.Dictionary);
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
        var outOffsetsBuffer = ArrayFactory.AllocateValues<int>(indices.Length + 1);
        var outOffsets = ArrayFactory.ValuesOf<int>(outOffsetsBuffer);
        long total = 0;
        for (var i = 0; i < indices.Length; i++)
        {
            outOffsets[i] = (int)Math.Min(total, int.MaxValue);
            var index = indices[i];
            if (index >= 0)
            {
                total += offsets[index + 1] - offsets[index];
            }
        }

        var outData = ArrayFactory.AllocateVariableData(total);
        outOffsets[indices.Length] = (int)total;
        if (total > 0)
        {
            // Values are short: a raw block copy per value avoids span slicing and bounds checks.
            ref var sourceBase = ref MemoryMarshal.GetReference(data);
            ref var targetBase = ref MemoryMarshal.GetArrayDataReference(outData);
            for (var i = 0; i < indices.Length; i++)
            {
                var index = indices[i];
                if (index < 0)
                {
                    continue;
                }

                var start = offsets[index];
                var length = offsets[index + 1] - start;
                if (length <= 8)
                {
                    // Flags and codes are a few bytes: a byte loop beats a memmove call per value.
                    ref var target = ref Unsafe.Add(ref targetBase, outOffsets[i]);
                    ref var from = ref Unsafe.Add(ref sourceBase, start);
                    for (var b = 0; b < length; b++)
                    {
                        Unsafe.Add(ref target, b) = Unsafe.Add(ref from, b);
                    }
                }
                else
                {
                    Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref targetBase, outOffsets[i]), ref Unsafe.Add(ref sourceBase, start), (uint)length);
                }
            }
        }

        return ArrayFactory.Variable(array.Data.DataType, outOffsetsBuffer, outData, indices.Length, TakeValidity(array, indices));
    }

    /// <summary>A stretch of consecutive source rows.</summary>
    public readonly record struct Run(int Source, int Length);

    /// <summary>
    /// The runs of consecutive rows when ascending indices are mostly contiguous (a filter that keeps most rows),
    /// so they can be copied block by block; null when per-row gathering is as good.
    /// </summary>
    public static Run[]? DenseRuns(ReadOnlySpan<int> indices)
    {
        if (indices.Length < 64 || indices[0] < 0)
        {
            return null;
        }

        var runs = 1;
        for (var i = 1; i < indices.Length; i++)
        {
            var step = indices[i] - indices[i - 1];
            if (step <= 0)
            {
                return null;
            }

            if (step != 1 && ++runs > indices.Length / 8)
            {
                return null;
            }
        }

        var result = new Run[runs];
        var r = 0;
        var begin = 0;
        for (var i = 1; i <= indices.Length; i++)
        {
            if (i == indices.Length || indices[i] != indices[i - 1] + 1)
            {
                result[r++] = new Run(indices[begin], i - begin);
                begin = i;
            }
        }

        return result;
    }

    /// <summary>Gathers whole runs of rows with block copies.</summary>
    public static IArrowArray TakeRuns(IArrowArray array, Run[] runs, int count)
    {
        var type = array.Data.DataType;
        return type.TypeId switch
        {
            ArrowTypeId.Int16 => RunsFixed<short>(array, runs, count),
            ArrowTypeId.Int32 or ArrowTypeId.Date32 or ArrowTypeId.Float => RunsFixed<int>(array, runs, count),
            ArrowTypeId.Int64 or ArrowTypeId.Double or ArrowTypeId.Timestamp => RunsFixed<long>(array, runs, count),
            ArrowTypeId.Decimal128 or ArrowTypeId.Interval => RunsFixed<Int128>(array, runs, count),
            ArrowTypeId.String or ArrowTypeId.Binary => RunsVariable(array, runs, count),
            _ => Take(array, Expand(runs, count)),
        };
    }

    private static int[] Expand(Run[] runs, int count)
    {
        var indices = new int[count];
        var p = 0;
        foreach (var run in runs)
        {
            for (var j = 0; j < run.Length; j++)
            {
                indices[p++] = run.Source + j;
            }
        }

        return indices;
    }

    private static byte[]? RunsValidity(IArrowArray array, Run[] runs, int count)
    {
        var source = Validity.Bits(array);
        if (source.IsEmpty)
        {
            return null;
        }

        var result = Bitmap.AllClear(count);
        var p = 0;
        foreach (var run in runs)
        {
            for (var j = 0; j < run.Length; j++, p++)
            {
                if (Bitmap.Get(source, run.Source + j))
                {
                    Bitmap.Set(result, p);
                }
            }
        }

        return result;
    }

    private static IArrowArray RunsFixed<T>(IArrowArray array, Run[] runs, int count)
        where T : unmanaged
    {
        var values = ArrayFactory.FixedValues<T>(array);
        var buffer = ArrayFactory.AllocateValues<T>(count);
        var output = ArrayFactory.ValuesOf<T>(buffer);
        var p = 0;
        foreach (var run in runs)
        {
            values.Slice(run.Source, run.Length).CopyTo(output[p..]);
            p += run.Length;
        }

        return ArrayFactory.Fixed(array.Data.DataType, buffer, count, RunsValidity(array, runs, count));
    }

    private static IArrowArray RunsVariable(IArrowArray array, Run[] runs, int count)
    {
        var source = (BinaryArray)array;
        var offsets = source.ValueOffsets;
        var data = source.ValueBuffer.Span;
        long total = 0;
        foreach (var run in runs)
        {
            total += offsets[run.Source + run.Length] - offsets[run.Source];
        }

        var outOffsetsBuffer = ArrayFactory.AllocateValues<int>(count + 1);
        var outOffsets = ArrayFactory.ValuesOf<int>(outOffsetsBuffer);
        var outData = ArrayFactory.AllocateVariableData(total);
        var p = 0;
        var position = 0;
        foreach (var run in runs)
        {
            var first = offsets[run.Source];
            var shift = position - first;
            for (var j = 0; j < run.Length; j++)
            {
                outOffsets[p++] = offsets[run.Source + j] + shift;
            }

            var bytes = offsets[run.Source + run.Length] - first;
            data.Slice(first, bytes).CopyTo(outData.AsSpan(position));
            position += bytes;
        }

        outOffsets[count] = position;
        return ArrayFactory.Variable(array.Data.DataType, outOffsetsBuffer, outData, count, RunsValidity(array, runs, count));
    }
}
