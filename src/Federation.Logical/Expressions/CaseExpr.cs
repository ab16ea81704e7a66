using Federation.Common.Types;

namespace Federation.Logical.Expressions;

/// <summary>
/// Searched CASE (the simple form is rewritten to it by the binder). Every THEN and the ELSE have the result
/// type; a missing ELSE is NULL. Branches are evaluated only for the rows that reach them.
/// </summary>
public sealed record CaseExpr(IReadOnlyList<CaseWhen> Whens, Expr? Else, SqlType ResultType) : Expr
{
    public override SqlType Type => ResultType;

    public override bool Nullable => Else is null || Else.Nullable || Whens.Any(w => w.Then.Nullable);

    public override IReadOnlyList<Expr> Children
    {
        get
        {
            var list = new List<Expr>(Whens.Count * 2 + 1);
            foreach (var w in Whens)
            {
                list.Add(w.When);
                list.Add(w.Then);
            }

            if (Else is not null)
            {
                list.Add(Else);
            }

            return list;
        }
    }

    public override Expr WithChildren(IReadOnlyList<Expr> children)
    {
        var whens = new CaseWhen[Whens.Count];
        for (var i = 0; i < whens.Length; i++)
        {
            whens[i] = new CaseWhen(children[i * 2], children[(i * 2) + 1]);
        }

        return this with { Whens = whens, Else = Else is null ? null : children[^1] };
    }

    public override string ToString() =>
        "CASE " + string.Join(" ", Whens.Select(w => $"WHEN {w.When} THEN {w.Then}")) + (Else is null ? string.Empty : $" ELSE {Else}") + " END";
}

/// <summary>One WHEN condition THEN result arm of a <see cref="CaseExpr"/>.</summary>
public sealed record CaseWhen(Expr When, Expr Then);
