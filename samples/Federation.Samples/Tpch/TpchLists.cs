using System.Text;

namespace Federation.Samples.Tpch;

/// <summary>
/// The fixed value lists of the specification (4.2.2.13 and 4.2.3), pre-encoded as UTF-8 so the
/// generators copy bytes instead of building strings. All lists are picked uniformly.
/// </summary>
internal static class TpchLists
{
    public static readonly string[] RegionNames = ["AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"];

    /// <summary>The 25 nations in key order, with the region key each belongs to.</summary>
    public static readonly (string Name, int RegionKey)[] Nations =
    [
        ("ALGERIA", 0), ("ARGENTINA", 1), ("BRAZIL", 1), ("CANADA", 1), ("EGYPT", 4), ("ETHIOPIA", 0),
        ("FRANCE", 3), ("GERMANY", 3), ("INDIA", 2), ("INDONESIA", 2), ("IRAN", 4), ("IRAQ", 4), ("JAPAN", 2),
        ("JORDAN", 4), ("KENYA", 0), ("MOROCCO", 0), ("MOZAMBIQUE", 0), ("PERU", 1), ("CHINA", 2), ("ROMANIA", 3),
        ("SAUDI ARABIA", 4), ("VIETNAM", 2), ("RUSSIA", 3), ("UNITED KINGDOM", 3), ("UNITED STATES", 1),
    ];

    /// <summary>The 92 words that P_NAME is made of (five distinct ones per part).</summary>
    public static readonly byte[][] Colors = Utf8(
        "almond", "antique", "aquamarine", "azure", "beige", "bisque", "black", "blanched", "blue", "blush",
        "brown", "burlywood", "burnished", "chartreuse", "chiffon", "chocolate", "coral", "cornflower", "cornsilk",
        "cream", "cyan", "dark", "deep", "dim", "dodger", "drab", "firebrick", "floral", "forest", "frosted",
        "gainsboro", "ghost", "goldenrod", "green", "grey", "honeydew", "hot", "indian", "ivory", "khaki", "lace",
        "lavender", "lawn", "lemon", "light", "lime", "linen", "magenta", "maroon", "medium", "metallic", "midnight",
        "mint", "misty", "moccasin", "navajo", "navy", "olive", "orange", "orchid", "pale", "papaya", "peach", "peru",
        "pink", "plum", "powder", "puff", "purple", "red", "rose", "rosy", "royal", "saddle", "salmon", "sandy",
        "seashell", "sienna", "sky", "slate", "smoke", "snow", "spring", "steel", "tan", "thistle", "tomato",
        "turquoise", "violet", "wheat", "white", "yellow");

    /// <summary>P_TYPE: every combination of the three syllable lists, 150 in all.</summary>
    public static readonly byte[][] PartTypes = Combine(
        ["STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO"],
        ["ANODIZED", "BURNISHED", "PLATED", "POLISHED", "BRUSHED"],
        ["TIN", "NICKEL", "BRASS", "STEEL", "COPPER"]);

    /// <summary>P_CONTAINER: every combination of the two syllable lists, 40 in all.</summary>
    public static readonly byte[][] Containers = Combine(
        ["SM", "LG", "MED", "JUMBO", "WRAP"],
        ["CASE", "BOX", "BAG", "JAR", "PKG", "PACK", "CAN", "DRUM"]);

    /// <summary>P_MFGR "Manufacturer#M" for M in 1..5.</summary>
    public static readonly byte[][] Manufacturers = Utf8(
        [.. Enumerable.Range(1, 5).Select(m => "Manufacturer#" + m.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

    /// <summary>P_BRAND "Brand#MN" for M (the manufacturer) and N in 1..5, at index (M-1)*5 + N-1.</summary>
    public static readonly byte[][] Brands = Utf8(
        [.. Enumerable.Range(0, 25).Select(i => "Brand#" + (i / 5 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)
            + (i % 5 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))]);

    public static readonly byte[][] MarketSegments = Utf8("AUTOMOBILE", "BUILDING", "FURNITURE", "MACHINERY", "HOUSEHOLD");

    public static readonly byte[][] OrderPriorities = Utf8("1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW");

    public static readonly byte[][] ShipInstructions = Utf8("DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN");

    public static readonly byte[][] ShipModes = Utf8("REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB");

    /// <summary>The 64 symbols of the specification's random v-strings (addresses).</summary>
    public static ReadOnlySpan<byte> VStringAlphabet => "0123456789abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ,"u8;

    private static byte[][] Utf8(params string[] values) => Array.ConvertAll(values, Encoding.UTF8.GetBytes);

    private static byte[][] Combine(params string[][] syllables)
    {
        IEnumerable<string> combined = [""];
        foreach (var list in syllables)
        {
            combined = combined.SelectMany(prefix => list.Select(word => prefix.Length == 0 ? word : prefix + " " + word));
        }
        return Utf8([.. combined]);
    }
}
