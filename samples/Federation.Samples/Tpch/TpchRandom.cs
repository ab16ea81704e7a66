namespace Federation.Samples.Tpch;

/// <summary>
/// SplitMix64: small, fast and bit-identical on every platform, unlike <see cref="System.Random"/>.
/// Every row draws from its own stream, seeded from the dataset seed, the table's stream id and
/// the row's ordinal, so any range of rows can be generated alone and the output never depends on
/// how the work was split across threads or files.
/// </summary>
internal struct TpchRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    private ulong _state;

    private TpchRandom(ulong state) => _state = state;

    public static TpchRandom ForRow(ulong seed, TpchStream stream, long row) =>
        new(Mix(seed ^ Mix(((ulong)stream << 56) ^ (ulong)row)));

    public ulong NextUInt64()
    {
        _state += Golden;
        return Mix(_state);
    }

    /// <summary>A value in [0, bound). Lemire's multiply-high mapping; its bias is below 2^-40 for our bounds.</summary>
    public int Next(int bound) => (int)Math.BigMul(NextUInt64(), (ulong)bound, out _);

    /// <summary>A value in [min, max], both inclusive, as the specification writes its ranges.</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
