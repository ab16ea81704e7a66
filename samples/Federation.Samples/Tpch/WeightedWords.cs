using System.Text;

namespace Federation.Samples.Tpch;

/// <summary>A word list with weights (the pseudo-text lists of 4.2.2.10), kept as UTF-8 for copying straight into column buffers.</summary>
internal sealed class WeightedWords
{
    private readonly byte[][] _words;
    private readonly WeightedChoice _choice;

    public WeightedWords(params (string Word, int Weight)[] entries)
    {
        _words = new byte[entries.Length][];
        var weights = new int[entries.Length];
        for (int index = 0; index < entries.Length; index++)
        {
            _words[index] = Encoding.UTF8.GetBytes(entries[index].Word);
            weights[index] = entries[index].Weight;
        }
        _choice = new WeightedChoice(weights);
    }

    public ReadOnlySpan<byte> Pick(ref TpchRandom random) => _words[_choice.Pick(ref random)];
}
