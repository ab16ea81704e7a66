using Federation.Common.Types;

namespace Federation.Logical.Expressions;

public enum FrameUnits
{
    Rows,
    Range,
}

public enum FrameBoundKind
{
    UnboundedPreceding,
    Preceding,
    CurrentRow,
    Following,
    UnboundedFollowing,
}

/// <summary>A frame edge. Offset is set for n PRECEDING / n FOLLOWING (an integer for ROWS, a value of the order key's type for RANGE).</summary>
public sealed record FrameBound(FrameBoundKind Kind, ScalarValue? Offset)
{
    public override string ToString() => Kind switch
    {
        FrameBoundKind.UnboundedPreceding => "UNBOUNDED PRECEDING",
        FrameBoundKind.Preceding => $"{Offset} PRECEDING",
        FrameBoundKind.CurrentRow => "CURRENT ROW",
        FrameBoundKind.Following => $"{Offset} FOLLOWING",
        _ => "UNBOUNDED FOLLOWING",
    };
}

/// <summary>ROWS|RANGE BETWEEN start AND end.</summary>
public sealed record WindowFrame(FrameUnits Units, FrameBound Start, FrameBound End)
{
    /// <summary>The default frame with ORDER BY: RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW.</summary>
    public static readonly WindowFrame DefaultWithOrder = new(FrameUnits.Range, new FrameBound(FrameBoundKind.UnboundedPreceding, null), new FrameBound(FrameBoundKind.CurrentRow, null));

    /// <summary>The default frame without ORDER BY: the whole partition.</summary>
    public static readonly WindowFrame WholePartition = new(FrameUnits.Rows, new FrameBound(FrameBoundKind.UnboundedPreceding, null), new FrameBound(FrameBoundKind.UnboundedFollowing, null));

    public override string ToString() => $"{Units.ToString().ToUpperInvariant()} BETWEEN {Start} AND {End}";
}
