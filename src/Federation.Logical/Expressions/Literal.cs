using Federation.Common.Types;

namespace Federation.Logical.Expressions;

public sealed record Literal(ScalarValue Value) : Expr
{
    /// <summary>
    /// True for a quoted string as written in SQL, whose type PostgreSQL leaves open ("unknown") until the
    /// context decides: '2024-01-31' compared with a date column is a date.
    /// </summary>
    public bool IsUntypedString { get; init; }

    public override SqlType Type => Value.Type;

    public override bool Nullable => Value.IsNull;

    public override IReadOnlyList<Expr> Children => [];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => this;

    public static Literal Of(ScalarValue value) => new(value);

    public static readonly Literal True = new(ScalarValue.Boolean(true));

    public static readonly Literal False = new(ScalarValue.Boolean(false));

    public static Literal NullOf(SqlType type) => new(ScalarValue.NullOf(type));

    public override string ToString() => Value.ToSqlLiteral();
}
