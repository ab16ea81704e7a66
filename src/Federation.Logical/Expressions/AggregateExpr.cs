using Federation.Common.Types;
using Federation.Functions.Aggregates;

namespace Federation.Logical.Expressions;

/// <summary>
/// An aggregate call; appears only in an Aggregate node's list. Filter is FILTER (WHERE ...); OrderBy is
/// LISTAGG's WITHIN GROUP (ORDER BY ...).
/// </summary>
public sealed record AggregateExpr(
    AggregateBinding Binding,
    IReadOnlyList<Expr> Arguments,
    bool Distinct,
    Expr? Filter,
    IReadOnlyList<SortKey> OrderBy) : Expr
{
    public override SqlType Type => Binding.ReturnType;

    public override bool Nullable => Binding.Name != "count";

    public override IReadOnlyList<Expr> Children
    {
        get
        {
            var list = new List<Expr>(Arguments);
            if (Filter is not null)
            {
                list.Add(Filter);
            }

            foreach (var key in OrderBy)
            {
                list.Add(key.Expr);
            }

            return list;
        }
    }

    public override Expr WithChildren(IReadOnlyList<Expr> children)
    {
        var n = Arguments.Count;
        var filter = Filter is null ? null : children[n];
        var start = n + (Filter is null ? 0 : 1);
        var keys = new SortKey[OrderBy.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = OrderBy[i].WithExpr(children[start + i]);
        }

        return this with { Arguments = children.Take(n).ToArray(), Filter = filter, OrderBy = keys };
    }

    public override string ToString()
    {
        var args = Arguments.Count == 0 && Binding.Name == "count" ? "*" : string.Join(", ", Arguments);
        var name = Binding.Name;
        var text = $"{name}({(Distinct ? "DISTINCT " : string.Empty)}{args})";
        if (OrderBy.Count > 0)
        {
            text += $" WITHIN GROUP (ORDER BY {string.Join(", ", OrderBy)})";
        }

        if (Filter is not null)
        {
            text += $" FILTER (WHERE {Filter})";
        }

        return text;
    }
}
