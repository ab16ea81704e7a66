using Federation.Common.Types;
using Federation.Functions;

namespace Federation.Logical.Expressions;

/// <summary>A call of a resolved scalar function; Arguments already have the binding's parameter types.</summary>
public sealed record ScalarFunctionExpr(ScalarFunctionBinding Binding, IReadOnlyList<Expr> Arguments) : Expr
{
    public override SqlType Type => Binding.ReturnType;

    public override bool Nullable => !Binding.Function.IsStrict || Arguments.Any(a => a.Nullable);

    public override IReadOnlyList<Expr> Children => Arguments;

    public override Expr WithChildren(IReadOnlyList<Expr> children) => this with { Arguments = children };

    public override string ToString() => $"{Binding.Name}({string.Join(", ", Arguments)})";
}
