namespace Federation.Samples.Tpch;

/// <summary>What every table generator of one run shares: the scale, the seed and the text pool.</summary>
internal sealed class TpchGenerationContext(TpchScale scale, ulong seed, TpchTextPool text, int batchRows)
{
    public TpchScale Scale { get; } = scale;

    public ulong Seed { get; } = seed;

    public TpchTextPool Text { get; } = text;

    /// <summary>Rows per Arrow batch handed to the Parquet writer (which assembles row groups from them).</summary>
    public int BatchRows { get; } = batchRows;

    public TpchRandom RandomForRow(TpchStream stream, long row) => TpchRandom.ForRow(Seed, stream, row);
}
