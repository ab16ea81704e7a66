using Federation.Common;
using Federation.Common.Types;
using Federation.Logical;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Sql.Ast;

namespace Federation.Planner;

/// <summary>
/// Turns a parsed query into a typed logical plan: resolves names through <see cref="ICatalogView"/>, types every
/// expression, applies PostgreSQL's implicit casts, and reports unknown names with the closest existing one.
/// One binder binds one statement (it owns that statement's column ids and parameter types).
/// The work is split by clause family across the partial files Binder.*.cs.
/// </summary>
public sealed partial class Binder
{
    private readonly ICatalogView _catalog;
    private readonly ColumnIdGenerator _ids;
    private readonly Dictionary<int, SqlType> _parameterTypes = new();
    private readonly IReadOnlyList<ScalarValue>? _parameterValues;
    private readonly List<Dictionary<string, CommonTableExpression>> _ctes = [];
    private readonly HashSet<string> _ctesBeingBound = new(StringComparer.Ordinal);
    private readonly Dictionary<CommonTableExpression, CommonTable> _materialized = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<CommonTableExpression> _shared = new(ReferenceEqualityComparer.Instance);
    private int _depth;

    /// <param name="parameterValues">
    /// The values of $n when the statement is about to run; null when it is only being prepared (typed, not run), so
    /// LIMIT $n and OFFSET $n, which need their values to plan, bind as no limit.
    /// </param>
    /// <summary>The session time zone: a timestamptz literal without an offset ('2024-03-31 02:30') is a wall-clock time in it.</summary>
    public SessionTimeZone TimeZone { get; init; } = SessionTimeZone.Utc;

    public Binder(ICatalogView catalog, ColumnIdGenerator ids, IReadOnlyList<SqlType?>? parameterTypes = null, IReadOnlyList<ScalarValue>? parameterValues = null)
    {
        _catalog = catalog;
        _ids = ids;
        _parameterValues = parameterValues;
        if (parameterTypes is not null)
        {
            for (var i = 0; i < parameterTypes.Count; i++)
            {
                if (parameterTypes[i] is { } t)
                {
                    _parameterTypes[i + 1] = t;
                }
            }
        }
    }

    /// <summary>
    /// The type of each $n parameter up to the highest one referenced, by index (1-based): the type it was given,
    /// else the one its context required (as PostgreSQL infers it); text where nothing decided it.
    /// </summary>
    public IReadOnlyList<SqlType> ParameterTypes
    {
        get
        {
            if (_parameterTypes.Count == 0)
            {
                return [];
            }

            var max = _parameterTypes.Keys.Max();
            var result = new SqlType[max];
            for (var i = 1; i <= max; i++)
            {
                result[i - 1] = _parameterTypes.TryGetValue(i, out var t) && t.Kind != TypeKind.Null ? t : SqlType.String;
            }

            return result;
        }
    }

    /// <summary>Binds a query; the plan's output columns carry the result's column names.</summary>
    public LogicalPlan BindQuery(Query query) => BindQuery(query, outer: null);

    /// <summary>Binds an expression that references no columns (LIMIT values, SET values, INSERT VALUES rows).</summary>
    public Expr BindConstantExpression(Expression expression, string clause) =>
        BindExpr(expression, new ExprContext(Scope.Empty(null), clause));

    private PlanColumn NewColumn(string name, SqlType type, bool nullable = true) => _ids.NewColumn(name, type, nullable);

    private void EnterNesting(SqlNode node)
    {
        if (++_depth > 200)
        {
            throw PlanError.At(node, ErrorCode.NotSupported, "query nesting is too deep");
        }
    }

    private void ExitNesting() => _depth--;

    /// <summary>Projects a plan to fresh output columns with the given names (for aliases and set operations).</summary>
    private LogicalPlan Rename(LogicalPlan plan, IReadOnlyList<string> names)
    {
        var output = plan.Output;
        var items = new ProjectionItem[output.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var c = output[i];
            items[i] = new ProjectionItem(new ColumnRef(c), NewColumn(names[i], c.Type, c.Nullable));
        }

        return new Projection(plan, items);
    }

    private CommonTableExpression? FindCte(string name)
    {
        for (var i = _ctes.Count - 1; i >= 0; i--)
        {
            if (_ctes[i].TryGetValue(name, out var cte))
            {
                return cte;
            }
        }

        return null;
    }
}
