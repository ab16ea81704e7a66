using System.Text;

namespace Federation.Functions.Kernels;

/// <summary>Text order is the order of UTF-8 bytes (the C collation), the same for strings and for encoded arrays.</summary>
public static class Utf8Order
{
    public static int Compare(string a, string b)
    {
        var c = Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
        return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
}
