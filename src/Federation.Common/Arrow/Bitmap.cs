using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Federation.Common.Arrow;

/// <summary>LSB-first bit maps as Arrow lays out validity and boolean values.</summary>
public static class Bitmap
{
    public static int BytesFor(int bits) => (bits + 7) >> 3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Get(ReadOnlySpan<byte> bits, int index) => (bits[index >> 3] & (1 << (index & 7))) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Set(Span<byte> bits, int index) => bits[index >> 3] |= (byte)(1 << (index & 7));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Clear(Span<byte> bits, int index) => bits[index >> 3] &= (byte)~(1 << (index & 7));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetTo(Span<byte> bits, int index, bool value)
    {
        var mask = (byte)(1 << (index & 7));
        ref var b = ref bits[index >> 3];
        b = value ? (byte)(b | mask) : (byte)(b & ~mask);
    }

    public static byte[] AllSet(int bits)
    {
        var bytes = GC.AllocateUninitializedArray<byte>(BytesFor(bits));
        bytes.AsSpan().Fill(0xFF);
        return bytes;
    }

    public static byte[] AllClear(int bits) => new byte[BytesFor(bits)];

    /// <summary>Number of set bits among the first <paramref name="length"/> bits.</summary>
    public static int CountSet(ReadOnlySpan<byte> bits, int length)
    {
        var fullBytes = length >> 3;
        var count = 0;
        var words = MemoryMarshal.Cast<byte, ulong>(bits[..fullBytes]);
        foreach (var w in words)
        {
            count += BitOperations.PopCount(w);
        }

        for (var i = words.Length * 8; i < fullBytes; i++)
        {
            count += BitOperations.PopCount(bits[i]);
        }

        var rest = length & 7;
        if (rest != 0)
        {
            count += BitOperations.PopCount((uint)(bits[fullBytes] & ((1 << rest) - 1)));
        }

        return count;
    }

    /// <summary>Copies <paramref name="length"/> bits starting at bit <paramref name="offset"/> into a new map starting at bit 0.</summary>
    public static byte[] Copy(ReadOnlySpan<byte> bits, int offset, int length)
    {
        var result = new byte[BytesFor(length)];
        if ((offset & 7) == 0)
        {
            bits.Slice(offset >> 3, result.Length).CopyTo(result);
            return result;
        }

        for (var i = 0; i < length; i++)
        {
            if (Get(bits, offset + i))
            {
                Set(result, i);
            }
        }

        return result;
    }

    /// <summary>result = a AND b over whole bytes (bits past the length are don't-care).</summary>
    public static void And(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> result)
    {
        var n = result.Length;
        var i = 0;
        if (n >= 8)
        {
            var wa = MemoryMarshal.Cast<byte, ulong>(a[..n]);
            var wb = MemoryMarshal.Cast<byte, ulong>(b[..n]);
            var wr = MemoryMarshal.Cast<byte, ulong>(result);
            for (var w = 0; w < wr.Length; w++)
            {
                wr[w] = wa[w] & wb[w];
            }

            i = wr.Length * 8;
        }

        for (; i < n; i++)
        {
            result[i] = (byte)(a[i] & b[i]);
        }
    }

    public static void Or(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> result)
    {
        var n = result.Length;
        var i = 0;
        if (n >= 8)
        {
            var wa = MemoryMarshal.Cast<byte, ulong>(a[..n]);
            var wb = MemoryMarshal.Cast<byte, ulong>(b[..n]);
            var wr = MemoryMarshal.Cast<byte, ulong>(result);
            for (var w = 0; w < wr.Length; w++)
            {
                wr[w] = wa[w] | wb[w];
            }

            i = wr.Length * 8;
        }

        for (; i < n; i++)
        {
            result[i] = (byte)(a[i] | b[i]);
        }
    }

    public static void Not(ReadOnlySpan<byte> a, Span<byte> result)
    {
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (byte)~a[i];
        }
    }

    /// <summary>Fills <paramref name="indices"/> with the positions of set bits and returns how many there were.</summary>
    public static int SetIndices(ReadOnlySpan<byte> bits, int length, Span<int> indices)
    {
        var count = 0;
        var fullWords = length >> 6;
        var words = MemoryMarshal.Cast<byte, ulong>(bits[..(fullWords * 8)]);
        for (var w = 0; w < words.Length; w++)
        {
            var word = words[w];
            var baseIndex = w << 6;
            while (word != 0)
            {
                var bit = BitOperations.TrailingZeroCount(word);
                indices[count++] = baseIndex + bit;
                word &= word - 1;
            }
        }

        for (var i = fullWords << 6; i < length; i++)
        {
            if (Get(bits, i))
            {
                indices[count++] = i;
            }
        }

        return count;
    }
}
