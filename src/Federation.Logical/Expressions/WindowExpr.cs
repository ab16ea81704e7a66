using Federation.Common.Types;
using Federation.Functions.Aggregates;

namespace Federation.Logical.Expressions;

/// <summary>A window function call; appears only in a Window node's list.</summary>
public sealed record WindowExpr(
    WindowFunctionKind Kind,
    AggregateBinding? Aggregate,
    IReadOnlyList<Expr> Arguments,
    IReadOnlyList<Expr> PartitionBy,
    IReadOnlyList<SortKey> OrderBy,
    WindowFrame Frame,
    SqlType ResultType) : Expr
{
    public override SqlType Type => ResultType;

    public override bool Nullable => Kind is not (WindowFunctionKind.RowNumber or WindowFunctionKind.Rank or WindowFunctionKind.DenseRank
        or WindowFunctionKind.PercentRank or WindowFunctionKind.CumeDist or WindowFunctionKind.Ntile);

    public override IReadOnlyList<Expr> Children => [.. Arguments, .. PartitionBy, .. OrderBy.Select(k => k.Expr)];

    public override Expr WithChildren(IReadOnlyList<Expr> children)
    {
        var a = Arguments.Count;
        var p = PartitionBy.Count;
        var keys = new SortKey[OrderBy.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = OrderBy[i].WithExpr(children[a + p + i]);
        }

        return this with { Arguments = children.Take(a).ToArray(), PartitionBy = children.Skip(a).Take(p).ToArray(), OrderBy = keys };
    }

    public string FunctionName => Kind == WindowFunctionKind.Aggregate ? Aggregate!.Name : Kind switch
    {
        WindowFunctionKind.RowNumber => "row_number",
        WindowFunctionKind.Rank => "rank",
        WindowFunctionKind.DenseRank => "dense_rank",
        WindowFunctionKind.PercentRank => "percent_rank",
        WindowFunctionKind.CumeDist => "cume_dist",
        WindowFunctionKind.Ntile => "ntile",
        WindowFunctionKind.Lag => "lag",
        WindowFunctionKind.Lead => "lead",
        WindowFunctionKind.FirstValue => "first_value",
        WindowFunctionKind.LastValue => "last_value",
        _ => "nth_value",
    };

    public override string ToString()
    {
        var over = new List<string>();
        if (PartitionBy.Count > 0)
        {
            over.Add("PARTITION BY " + string.Join(", ", PartitionBy));
        }

        if (OrderBy.Count > 0)
        {
            over.Add("ORDER BY " + string.Join(", ", OrderBy));
        }

        over.Add(Frame.ToString());
        var name = FunctionName;
        var args = Arguments.Count == 0 && FunctionName == "count" ? "*" : string.Join(", ", Arguments);
        return $"{name}({args}) OVER ({string.Join(" ", over)})";
    }
}
