namespace Federation.Samples.Tpch;

/// <summary>
/// The pseudo-text of the specification (4.2.2.10). Like dbgen, a pool of sentences is generated
/// once from the grammar and every comment is a random substring of it with a random length in the
/// column's range. Sentences use the specification's word lists with dbgen's weights, which is what
/// makes phrases such as "special ... requests" (Q13) common.
/// </summary>
internal sealed class TpchTextPool
{
    /// <summary>Large enough that comments rarely repeat, small enough to build in a few tens of milliseconds.</summary>
    public const int PoolSize = 8 << 20;

    private static readonly Lazy<TpchTextPool> SharedPool = new(() => new TpchTextPool(PoolSize));

    private static readonly WeightedWords Nouns = new(
        ("packages", 40), ("requests", 40), ("accounts", 40), ("deposits", 40), ("foxes", 20), ("ideas", 20),
        ("theodolites", 20), ("pinto beans", 20), ("instructions", 20), ("dependencies", 10), ("excuses", 10),
        ("platelets", 10), ("asymptotes", 10), ("courts", 5), ("dolphins", 5), ("multipliers", 1), ("sauternes", 1),
        ("warthogs", 1), ("frets", 1), ("dinos", 1), ("attainments", 1), ("somas", 1), ("Tiresias", 1), ("patterns", 1),
        ("forges", 1), ("braids", 1), ("frays", 1), ("warhorses", 1), ("dugouts", 1), ("notornis", 1), ("epitaphs", 1),
        ("pearls", 1), ("tithes", 1), ("waters", 1), ("orbits", 1), ("gifts", 1), ("sheaves", 1), ("depths", 1),
        ("sentiments", 1), ("decoys", 1), ("realms", 1), ("pains", 1), ("grouches", 1), ("escapades", 1),
        ("hockey players", 1));

    private static readonly WeightedWords Verbs = new(
        ("sleep", 20), ("wake", 20), ("are", 20), ("cajole", 20), ("haggle", 20), ("nag", 10), ("use", 10),
        ("boost", 10), ("affix", 5), ("detect", 5), ("integrate", 5), ("maintain", 1), ("nod", 1), ("was", 1),
        ("lose", 1), ("sublate", 1), ("solve", 1), ("thrash", 1), ("promise", 1), ("engage", 1), ("hinder", 1),
        ("print", 1), ("x-ray", 1), ("breach", 1), ("eat", 1), ("grow", 1), ("impress", 1), ("mold", 1), ("poach", 1),
        ("serve", 1), ("run", 1), ("dazzle", 1), ("snooze", 1), ("doze", 1), ("unwind", 1), ("kindle", 1), ("play", 1),
        ("hang", 1), ("believe", 1), ("doubt", 1));

    private static readonly WeightedWords Adjectives = new(
        ("special", 20), ("pending", 20), ("unusual", 20), ("express", 20), ("furious", 1), ("sly", 1), ("careful", 1),
        ("blithe", 1), ("quick", 1), ("fluffy", 1), ("slow", 1), ("quiet", 1), ("ruthless", 1), ("thin", 1), ("close", 1),
        ("dogged", 1), ("daring", 1), ("brave", 1), ("stealthy", 1), ("permanent", 1), ("enticing", 1), ("idle", 1),
        ("busy", 1), ("regular", 50), ("final", 40), ("ironic", 40), ("even", 30), ("bold", 20), ("silent", 10));

    private static readonly WeightedWords Adverbs = new(
        ("sometimes", 1), ("always", 1), ("never", 1), ("furiously", 50), ("slyly", 50), ("carefully", 50),
        ("blithely", 40), ("quickly", 30), ("fluffily", 20), ("slowly", 1), ("quietly", 1), ("ruthlessly", 1),
        ("thinly", 1), ("closely", 1), ("doggedly", 1), ("daringly", 1), ("bravely", 1), ("stealthily", 1),
        ("permanently", 1), ("enticingly", 1), ("idly", 1), ("busily", 1), ("regularly", 1), ("finally", 1),
        ("ironically", 1), ("evenly", 1), ("boldly", 1), ("silently", 1));

    private static readonly WeightedWords Prepositions = new(
        ("about", 50), ("above", 50), ("according to", 50), ("across", 50), ("after", 50), ("against", 40),
        ("along", 40), ("alongside of", 30), ("among", 30), ("around", 20), ("at", 10), ("atop", 1), ("before", 1),
        ("behind", 1), ("beneath", 1), ("beside", 1), ("besides", 1), ("between", 1), ("beyond", 1), ("by", 1),
        ("despite", 1), ("during", 1), ("except", 1), ("for", 1), ("from", 1), ("in place of", 1), ("inside", 1),
        ("instead of", 1), ("into", 1), ("near", 1), ("of", 1), ("on", 1), ("outside", 1), ("over", 1), ("past", 1),
        ("since", 1), ("through", 1), ("throughout", 1), ("to", 1), ("toward", 1), ("under", 1), ("until", 1),
        ("up", 1), ("upon", 1), ("without", 1), ("with", 1), ("within", 1));

    private static readonly WeightedWords Auxiliaries = new(
        ("do", 1), ("may", 1), ("might", 1), ("shall", 1), ("will", 1), ("would", 1), ("can", 1), ("could", 1),
        ("should", 1), ("ought to", 1), ("must", 1), ("will have to", 1), ("shall have to", 1), ("could have to", 1),
        ("should have to", 1), ("must have to", 1), ("need to", 1), ("try to", 1));

    private static readonly WeightedWords Terminators = new((".", 50), (";", 1), (":", 1), ("?", 1), ("!", 1), ("--", 1));

    // Sentence forms: N V T | N V P T | N V N T | N P V N T | N P V P T.
    private static readonly WeightedChoice SentenceForms = new([3, 3, 3, 1, 1]);

    // Noun phrases: N | J N | J, J N | D J N.
    private static readonly WeightedChoice NounPhraseForms = new([10, 20, 10, 50]);

    // Verb phrases: V | X V | V D | X V D.
    private static readonly WeightedChoice VerbPhraseForms = new([30, 1, 40, 1]);

    private readonly byte[] _text;

    private TpchTextPool(int size)
    {
        // Headroom for the last sentence, which is cut off at the pool size like dbgen's.
        var writer = new PoolWriter(new byte[size + 1024]);
        var random = TpchRandom.ForRow(0, TpchStream.TextPool, 0);
        while (writer.Position < size)
        {
            AppendSentence(ref writer, ref random);
        }
        _text = writer.Buffer.AsSpan(0, size).ToArray();
    }

    public static TpchTextPool Shared => SharedPool.Value;

    /// <summary>A comment of a random length in [minLength, maxLength] at a random place in the pool.</summary>
    public TextSlice Pick(ref TpchRandom random, int minLength, int maxLength)
    {
        int length = random.Between(minLength, maxLength);
        int offset = random.Next(_text.Length - length + 1);
        return new TextSlice(offset, length);
    }

    public ReadOnlySpan<byte> this[TextSlice slice] => _text.AsSpan(slice.Offset, slice.Length);

    private static void AppendSentence(ref PoolWriter writer, ref TpchRandom random)
    {
        switch (SentenceForms.Pick(ref random))
        {
            case 0:
                AppendNounPhrase(ref writer, ref random);
                AppendVerbPhrase(ref writer, ref random);
                break;
            case 1:
                AppendNounPhrase(ref writer, ref random);
                AppendVerbPhrase(ref writer, ref random);
                AppendPrepositionalPhrase(ref writer, ref random);
                break;
            case 2:
                AppendNounPhrase(ref writer, ref random);
                AppendVerbPhrase(ref writer, ref random);
                AppendNounPhrase(ref writer, ref random);
                break;
            case 3:
                AppendNounPhrase(ref writer, ref random);
                AppendPrepositionalPhrase(ref writer, ref random);
                AppendVerbPhrase(ref writer, ref random);
                AppendNounPhrase(ref writer, ref random);
                break;
            default:
                AppendNounPhrase(ref writer, ref random);
                AppendPrepositionalPhrase(ref writer, ref random);
                AppendVerbPhrase(ref writer, ref random);
                AppendPrepositionalPhrase(ref writer, ref random);
                break;
        }
        // The terminator sticks to the last word; the next sentence starts after one space.
        writer.TrimTrailingSpace();
        writer.AppendWord(Terminators.Pick(ref random));
    }

    private static void AppendNounPhrase(ref PoolWriter writer, ref TpchRandom random)
    {
        switch (NounPhraseForms.Pick(ref random))
        {
            case 0:
                break;
            case 1:
                writer.AppendWord(Adjectives.Pick(ref random));
                break;
            case 2:
                writer.AppendWord(Adjectives.Pick(ref random), ", "u8);
                writer.AppendWord(Adjectives.Pick(ref random));
                break;
            default:
                writer.AppendWord(Adverbs.Pick(ref random));
                writer.AppendWord(Adjectives.Pick(ref random));
                break;
        }
        writer.AppendWord(Nouns.Pick(ref random));
    }

    private static void AppendVerbPhrase(ref PoolWriter writer, ref TpchRandom random)
    {
        int form = VerbPhraseForms.Pick(ref random);
        if (form is 1 or 3)
        {
            writer.AppendWord(Auxiliaries.Pick(ref random));
        }
        writer.AppendWord(Verbs.Pick(ref random));
        if (form is 2 or 3)
        {
            writer.AppendWord(Adverbs.Pick(ref random));
        }
    }

    private static void AppendPrepositionalPhrase(ref PoolWriter writer, ref TpchRandom random)
    {
        writer.AppendWord(Prepositions.Pick(ref random));
        writer.AppendWord("the"u8);
        AppendNounPhrase(ref writer, ref random);
    }

    private struct PoolWriter(byte[] buffer)
    {
        public readonly byte[] Buffer = buffer;

        public int Position;

        public void AppendWord(ReadOnlySpan<byte> word) => AppendWord(word, " "u8);

        public void AppendWord(ReadOnlySpan<byte> word, ReadOnlySpan<byte> separator)
        {
            word.CopyTo(Buffer.AsSpan(Position));
            Position += word.Length;
            separator.CopyTo(Buffer.AsSpan(Position));
            Position += separator.Length;
        }

        public void TrimTrailingSpace() => Position--;
    }
}
