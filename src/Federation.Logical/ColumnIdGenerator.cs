namespace Federation.Logical;

/// <summary>Hands out column ids for one statement (binder and optimizer rules share it).</summary>
public sealed class ColumnIdGenerator
{
    private int _next;

    public ColumnIdGenerator(int first = 1)
    {
        _next = first;
    }

    public int Next() => _next++;

    public PlanColumn NewColumn(string name, Common.Types.SqlType type, bool nullable = true) => new(Next(), name, type, nullable);
}
