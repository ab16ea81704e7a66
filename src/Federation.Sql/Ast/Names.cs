namespace Federation.Sql.Ast;

/// <summary>
/// An identifier. Unquoted identifiers are folded to lower case by the lexer (PostgreSQL rules);
/// quoted identifiers keep their case and Quoted is true.
/// </summary>
public sealed record Identifier(string Value, bool Quoted) : SqlNode
{
    public override string ToString() => Quoted ? "\"" + Value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : Value;
}

/// <summary>A dotted name: table, schema.table, catalog.schema.table, or a function name.</summary>
public sealed record ObjectName(IReadOnlyList<Identifier> Parts) : SqlNode
{
    public override string ToString() => string.Join(".", Parts);
}

/// <summary>
/// A type as written. Name is lower-case and multi-word names are joined with one space
/// ("double precision", "character varying", "timestamp with time zone"); Arguments are the
/// numbers in parentheses (varchar(25) has [25], decimal(15,2) has [15, 2]).
/// The binder maps names to types, so an unknown type is reported there with this node's position.
/// </summary>
public sealed record TypeName(string Name, IReadOnlyList<int> Arguments) : SqlNode
{
    public override string ToString() => Arguments.Count == 0 ? Name : $"{Name}({string.Join(",", Arguments)})";
}
