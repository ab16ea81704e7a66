namespace Federation.Functions.Kernels;

/// <summary>The comparisons the comparison kernel computes (IS [NOT] DISTINCT FROM are null-safe equality forms).</summary>
public enum ComparisonOp
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    IsDistinctFrom,
    IsNotDistinctFrom,
}
