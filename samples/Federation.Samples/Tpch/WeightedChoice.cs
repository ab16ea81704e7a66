namespace Federation.Samples.Tpch;

/// <summary>
/// Picks an index with probability proportional to its weight, as dbgen's weighted distributions do.
/// A lookup table with one entry per unit of weight makes a pick a single random draw.
/// </summary>
internal sealed class WeightedChoice
{
    private readonly byte[] _indexByWeightUnit;

    public WeightedChoice(ReadOnlySpan<int> weights)
    {
        int total = 0;
        foreach (int weight in weights)
        {
            total += weight;
        }
        _indexByWeightUnit = new byte[total];
        int position = 0;
        for (int index = 0; index < weights.Length; index++)
        {
            _indexByWeightUnit.AsSpan(position, weights[index]).Fill((byte)index);
            position += weights[index];
        }
    }

    public int Pick(ref TpchRandom random) => _indexByWeightUnit[random.Next(_indexByWeightUnit.Length)];
}
