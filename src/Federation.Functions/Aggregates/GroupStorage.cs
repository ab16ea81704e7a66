namespace Federation.Functions.Aggregates;

/// <summary>Growable per-group slots for accumulators (doubling, so growth is amortised).</summary>
internal static class GroupStorage
{
    public static void Ensure<T>(ref T[] values, int groupCount)
    {
        if (values.Length >= groupCount)
        {
            return;
        }

        var size = Math.Max(Math.Max(16, values.Length * 2), groupCount);
        Array.Resize(ref values, size);
    }
}
