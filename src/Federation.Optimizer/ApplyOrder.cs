namespace Federation.Optimizer;

/// <summary>How the driver applies a rule: to each node parents-first, children-first, or once to the whole plan (the rule recurses itself).</summary>
public enum ApplyOrder
{
    TopDown,
    BottomUp,
    Whole,
}
