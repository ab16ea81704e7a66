namespace Federation.Functions;

/// <summary>What a kernel may need besides its arguments: the row count and the statement's clock.</summary>
public readonly record struct KernelContext(int RowCount, long StatementTimestampMicros)
{
    public KernelContext WithRowCount(int rowCount) => this with { RowCount = rowCount };
}
