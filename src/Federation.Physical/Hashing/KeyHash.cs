using System.IO.Hashing;
using System.Runtime.CompilerServices;

namespace Federation.Physical.Hashing;

/// <summary>Hash functions for keys: a multiply-xorshift mix for integers, XXH3 for encoded rows.</summary>
public static class KeyHash
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        x ^= x >> 33;
        return x;
    }

    public static ulong Bytes(ReadOnlySpan<byte> bytes) => XxHash3.HashToUInt64(bytes);
}
