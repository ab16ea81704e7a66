namespace Federation.Sql.Ast;

/// <summary>Base of every AST node. Every node knows where it starts in the source text.</summary>
public abstract record SqlNode
{
    public SourcePosition Position { get; init; }
}
