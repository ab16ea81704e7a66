namespace Federation.Sql.Ast;

/// <summary>1-based line and column of the first character of a node in the SQL text.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public static readonly SourcePosition None = new(0, 0);

    public override string ToString() => $"line {Line}, column {Column}";
}
