namespace Federation.Logical.Expressions;

/// <summary>The window functions the window operator computes itself; Aggregate means an aggregate OVER (...).</summary>
public enum WindowFunctionKind
{
    RowNumber,
    Rank,
    DenseRank,
    PercentRank,
    CumeDist,
    Ntile,
    Lag,
    Lead,
    FirstValue,
    LastValue,
    NthValue,
    Aggregate,
}
