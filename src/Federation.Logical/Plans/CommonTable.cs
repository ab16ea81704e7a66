namespace Federation.Logical.Plans;

/// <summary>
/// A WITH query computed once and read by several <see cref="CteRef"/>s. Its plan is shared by reference; the
/// optimizer optimizes it once, and execution buffers its rows for every reader.
/// </summary>
public sealed class CommonTable
{
    public CommonTable(string name, LogicalPlan plan)
    {
        Name = name;
        Plan = plan;
    }

    public string Name { get; }

    public LogicalPlan Plan { get; set; }
}
