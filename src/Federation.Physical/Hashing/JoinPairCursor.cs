namespace Federation.Physical.Hashing;

/// <summary>
/// Where the pairs of one probe batch stopped: the probe row, and the build row to pair with it next (-1: the row's
/// first candidate, none taken yet).
/// </summary>
public readonly record struct JoinPairCursor(int ProbeRow, int BuildRow)
{
    public static JoinPairCursor Start => new(0, -1);
}
