using System.Globalization;
using System.Text;

namespace Federation.Fuzz.Tests;

/// <summary>
/// Generates random, well-typed queries over the fuzzed tables from a grammar: joins (following foreign keys, or on any
/// condition between small tables), derived tables and CTEs, scalar, IN, EXISTS and quantified subqueries (correlated
/// or not), aggregates with FILTER, GROUP BY and HAVING, window functions, casts, CASE, COALESCE/NULLIF, NULLs,
/// extreme literals, set operations, ORDER BY and LIMIT. Each case is drawn from its own Random seeded by
/// (seed, case number), so one case reproduces on its own.
/// </summary>
/// <remarks>
/// What differs between the dialects, and how the comparison with DuckDB deals with it:
/// <list type="bullet">
/// <item>Integer division: DuckDB runs with <c>integer_division = true</c>, so <c>/</c> of integers truncates as in
/// PostgreSQL. Division by zero is an error here and NULL in DuckDB: a case either engine fails is not compared.</item>
/// <item>NULL ordering: every ORDER BY names NULLS FIRST or LAST (the defaults differ for DESC), and LIMIT appears
/// only under an ORDER BY of every output column, so the rows it keeps are determined; answers compare as multisets.</item>
/// <item>Numbers: decimal result scales (Redshift's rules), AVG (numeric here, double there), STDDEV/VARIANCE types
/// and float printing differ, so a column holding any non-integral number compares within a relative 1e-6
/// (<see cref="ResultComparison"/>); STDDEV and VAR_POP are cast to FLOAT8.</item>
/// <item>Not portable, so the case runs in Federation only (crash, hang and TLP checks): casts of doubles or decimals
/// to integers (PostgreSQL rounds doubles half to even), doubles cast to text (shortest round trip against DuckDB's
/// printing), ROW_NUMBER, FIRST_VALUE, LAST_VALUE, LAG, LEAD and ROWS frames (which peer comes first is open),
/// LISTAGG (DuckDB has string_agg), and IS TRUE / IS NOT FALSE / IS UNKNOWN.</item>
/// <item>Text compares by bytes in both (Federation's C collation, DuckDB's binary default), so nothing is restricted
/// there; dates and timestamps before year 1 are normalised from DuckDB's "(BC)" spelling.</item>
/// </list>
/// For TLP cases no aggregate depends on the order rows arrive in (no SUM or AVG of doubles), and -0 renders as 0
/// (either may win a MIN), so the partitions must add up exactly.
/// </remarks>
public sealed class SqlGenerator
{
    private static readonly FuzzType[] AnyType = Enum.GetValues<FuzzType>();
    private static readonly FuzzType[] Numeric = [FuzzType.Int, FuzzType.BigInt, FuzzType.Decimal, FuzzType.Double];
    private static readonly string[] Comparisons = ["=", "<>", "<", "<=", ">", ">="];

    private readonly IReadOnlyList<FuzzTable> _tables;
    private readonly IReadOnlyList<FuzzTable> _smallTables;
    private readonly List<string> _ctes = [];
    private Random _random = new(0);
    private int _nextAlias;
    private bool _portable;

    /// <summary>Whether the SELECT finished last read few rows (a derived table over it is small too).</summary>
    private bool _lastSelectSmall;

    /// <summary>Set for TLP cases: no aggregate whose value depends on the order rows arrive in (sums and averages of doubles).</summary>
    private bool _exact;

    public SqlGenerator(IReadOnlyList<FuzzTable> tables)
    {
        _tables = tables;
        _smallTables = tables.Where(t => t.Small).ToList();
    }

    /// <summary>Case number <paramref name="number"/> of the run seeded <paramref name="seed"/>.</summary>
    public FuzzCase Generate(int seed, int number)
    {
        _random = new Random(CaseSeed(seed, number));
        _ctes.Clear();
        _nextAlias = 0;
        _portable = true;
        _exact = false;
        var roll = _random.NextDouble();
        return roll switch
        {
            < 0.40 => QueryCase(),
            < 0.65 => TlpWhereCase(),
            < 0.80 => TlpAggregateCase(),
            _ => TlpHavingCase(),
        };
    }

    /// <summary>A fixed mix of the run's seed and the case number (HashCode.Combine would differ from process to process).</summary>
    private static int CaseSeed(int seed, int number)
    {
        var x = ((ulong)(uint)seed << 32) | (uint)number;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return (int)((x ^ (x >> 31)) & int.MaxValue);
    }

    private FuzzCase QueryCase()
    {
        string body;
        int columns;
        if (Chance(0.15))
        {
            body = SetOperation(out columns);
        }
        else
        {
            body = Select(null, 3, null, allowWindow: true, out var types);
            columns = types.Count;
        }

        if (Chance(0.4))
        {
            // Every output column, so the rows a LIMIT keeps are determined whatever the engine.
            var order = new StringBuilder(" ORDER BY ");
            for (var c = 1; c <= columns; c++)
            {
                order.Append(c == 1 ? string.Empty : ", ").Append(c.ToString(CultureInfo.InvariantCulture))
                    .Append(Chance(0.5) ? " ASC" : " DESC").Append(Chance(0.5) ? " NULLS FIRST" : " NULLS LAST");
            }

            body = "SELECT * FROM (" + body + ") AS q" + order;
            if (Chance(0.6))
            {
                body += " LIMIT " + _random.Next(0, 20).ToString(CultureInfo.InvariantCulture);
                if (Chance(0.3))
                {
                    body += " OFFSET " + _random.Next(0, 10).ToString(CultureInfo.InvariantCulture);
                }
            }
        }

        return new FuzzCase(FuzzCheck.Query, WithCtes(body), _portable, [], null);
    }

    private FuzzCase TlpWhereCase()
    {
        _exact = true;
        var from = From(null, 2, out var scope);
        var items = new List<string>();
        var count = _random.Next(1, 4);
        for (var c = 0; c < count; c++)
        {
            items.Add(Expr(Pick(AnyType), scope, 2) + " AS c" + c.ToString(CultureInfo.InvariantCulture));
        }

        var where = Chance(0.3) ? Predicate(scope, 2) : null;
        var p = Predicate(scope, 3);
        var distinct = Chance(0.2);
        var groupBy = !distinct && Chance(0.15);
        var select = "SELECT " + (distinct ? "DISTINCT " : string.Empty) + string.Join(", ", items) + " FROM " + from;
        var group = groupBy ? " GROUP BY " + string.Join(", ", Enumerable.Range(1, count).Select(i => i.ToString(CultureInfo.InvariantCulture))) : string.Empty;
        string Partition(string condition) => WithCtes(select + " WHERE " + (where is null ? string.Empty : "(" + where + ") AND ") + condition + group);
        var sql = WithCtes(select + (where is null ? string.Empty : " WHERE " + where) + group);
        return new FuzzCase(distinct || groupBy ? FuzzCheck.TlpDistinct : FuzzCheck.TlpWhere, sql, _portable,
            [Partition("(" + p + ")"), Partition("NOT (" + p + ")"), Partition("((" + p + ") IS NULL)")], null);
    }

    private FuzzCase TlpAggregateCase()
    {
        _exact = true;
        var from = From(null, 2, out var scope);
        var where = Chance(0.3) ? Predicate(scope, 2) : null;
        var p = Predicate(scope, 3);
        string aggregate;
        string combine;
        switch (_random.Next(5))
        {
            case 0:
                aggregate = "MIN(" + Expr(PickComparable(), scope, 2) + ")";
                combine = "MIN";
                break;
            case 1:
                aggregate = "MAX(" + Expr(PickComparable(), scope, 2) + ")";
                combine = "MAX";
                break;
            case 2:
                aggregate = "COUNT(" + Expr(Pick(AnyType), scope, 2) + ")";
                combine = "SUM";
                break;
            case 3:
                aggregate = "COUNT(*)";
                combine = "SUM";
                break;
            default:
                aggregate = "SUM(" + Expr(Pick([FuzzType.Int, FuzzType.BigInt, FuzzType.Decimal]), scope, 2) + ")";
                combine = "SUM";
                break;
        }

        string Partition(string condition) => "SELECT " + aggregate + " AS a FROM " + from + " WHERE " + (where is null ? string.Empty : "(" + where + ") AND ") + condition;
        var sql = WithCtes("SELECT " + aggregate + " FROM " + from + (where is null ? string.Empty : " WHERE " + where));
        var combined = WithCtes($"SELECT {combine}(a) FROM ({Partition("(" + p + ")")} UNION ALL {Partition("NOT (" + p + ")")} UNION ALL {Partition("((" + p + ") IS NULL)")}) AS tlp");
        return new FuzzCase(FuzzCheck.TlpAggregate, sql, _portable, [], combined);
    }

    private FuzzCase TlpHavingCase()
    {
        _exact = true;
        var from = From(null, 2, out var scope);
        var keys = new List<(string Sql, FuzzType Type)>();
        var keyCount = _random.Next(1, 3);
        for (var k = 0; k < keyCount; k++)
        {
            var type = Pick(AnyType);
            keys.Add((Chance(0.7) ? Leaf(type, scope) : Expr(type, scope, 1), type));
        }

        var items = keys.Select((k, i) => k.Sql + " AS c" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        var aggregates = _random.Next(1, 3);
        for (var a = 0; a < aggregates; a++)
        {
            items.Add(AggregateExpr(Pick(AnyType), keys, scope, 2) + " AS c" + items.Count.ToString(CultureInfo.InvariantCulture));
        }

        var where = Chance(0.3) ? " WHERE " + Predicate(scope, 2) : string.Empty;
        var p = AggregatePredicate(keys, scope, 2);
        var select = "SELECT " + string.Join(", ", items) + " FROM " + from + where + " GROUP BY "
            + string.Join(", ", Enumerable.Range(1, keyCount).Select(i => i.ToString(CultureInfo.InvariantCulture)));
        return new FuzzCase(FuzzCheck.TlpHaving, WithCtes(select), _portable,
            [WithCtes(select + " HAVING (" + p + ")"), WithCtes(select + " HAVING NOT (" + p + ")"), WithCtes(select + " HAVING ((" + p + ") IS NULL)")], null);
    }

    private string WithCtes(string body) => _ctes.Count == 0 ? body : "WITH " + string.Join(", ", _ctes) + " " + body;

    private string SetOperation(out int columns)
    {
        var left = Select(null, 2, null, allowWindow: false, out var types);
        var right = Select(null, 2, types, allowWindow: false, out _);
        columns = types.Count;
        var op = Pick(["UNION", "UNION ALL", "INTERSECT", "EXCEPT", "INTERSECT ALL", "EXCEPT ALL"]);
        return "(" + left + ") " + op + " (" + right + ")";
    }

    /// <summary>A SELECT whose items are aliased c0, c1, ...; with <paramref name="required"/>, of exactly those types.</summary>
    private string Select(FuzzScope? outer, int depth, IReadOnlyList<FuzzType>? required, bool allowWindow, out List<FuzzType> types)
    {
        var from = From(outer, depth, out var scope);
        types = required?.ToList() ?? Enumerable.Range(0, _random.Next(1, 5)).Select(_ => Pick(AnyType)).ToList();
        var items = new List<string>();
        var sql = new StringBuilder("SELECT ");
        if (Chance(0.1))
        {
            sql.Append("DISTINCT ");
        }

        var grouped = Chance(0.35);
        var keys = new List<(string Sql, FuzzType Type)>();
        if (grouped)
        {
            var keyCount = _random.Next(0, 3);
            for (var k = 0; k < keyCount; k++)
            {
                var type = Pick(AnyType);
                keys.Add((Chance(0.7) ? Leaf(type, scope) : Expr(type, scope, 1), type));
            }

            foreach (var type in types)
            {
                items.Add(AggregateExpr(type, keys, scope, depth - 1));
            }
        }
        else
        {
            var window = allowWindow && Chance(0.3) ? _random.Next(types.Count) : -1;
            for (var c = 0; c < types.Count; c++)
            {
                items.Add(c == window ? Window(types[c], scope) : Expr(types[c], scope, depth));
            }
        }

        sql.AppendJoin(", ", items.Select((item, i) => item + " AS c" + i.ToString(CultureInfo.InvariantCulture))).Append(" FROM ").Append(from);
        if (Chance(0.6))
        {
            sql.Append(" WHERE ").Append(Predicate(scope, depth));
        }

        if (grouped && keys.Count > 0)
        {
            sql.Append(" GROUP BY ").AppendJoin(", ", keys.Select(k => k.Sql));
        }

        if (grouped && Chance(0.3))
        {
            sql.Append(" HAVING ").Append(AggregatePredicate(keys, scope, 1));
        }

        _lastSelectSmall = scope.Small;
        return sql.ToString();
    }

    /// <summary>A FROM clause: one relation, or up to three joined on foreign keys or (between small ones) on any condition.</summary>
    private string From(FuzzScope? outer, int depth, out FuzzScope scope)
    {
        var sql = new StringBuilder();
        var columns = new List<FuzzColumn>();
        var tables = new List<FuzzTable>();
        var small = true;
        var first = Relation(depth, out var firstColumns, out var firstTable, out var firstSmall);
        sql.Append(first);
        columns.AddRange(firstColumns);
        small &= firstSmall;
        if (firstTable is not null)
        {
            tables.Add(firstTable);
        }

        var joins = _random.NextDouble() switch { < 0.55 => 0, < 0.9 => 1, _ => 2 };
        for (var j = 0; j < joins; j++)
        {
            // A table with a foreign key to or from one already joined; or, while everything is small, a small one.
            var linked = _tables.Where(t => tables.Any(u => Linked(t, u) is not null)).ToList();
            var candidates = small ? linked.Concat(_tables.Where(t => t.Small)).Distinct().ToList() : linked;
            if (candidates.Count == 0)
            {
                break;
            }

            var table = Pick(candidates);
            var alias = NextAlias();
            var tableColumns = table.Columns.Select(c => c with { Name = alias + "." + c.Name }).ToList();
            var key = tables.Select(u => (Table: u, Key: Linked(table, u))).FirstOrDefault(x => x.Key is not null);
            var both = new FuzzScope([.. columns, .. tableColumns], small && table.Small, outer);
            string? condition = null;
            if (key.Key is { } k)
            {
                var (mine, theirs) = k;
                var theirAlias = AliasOf(columns, key.Table, theirs);
                condition = alias + "." + mine + " = " + theirAlias;
                if (Chance(0.2))
                {
                    condition += " AND " + Predicate(both, 1);
                }
            }

            var cross = small && table.Small && Chance(0.15);
            if (condition is null && !cross)
            {
                condition = Chance(0.5) ? EqualityBetween(columns, tableColumns) ?? Predicate(both, 1) : Predicate(both, 1);
            }

            if (cross)
            {
                sql.Append(" CROSS JOIN ").Append(table.Name).Append(" AS ").Append(alias);
            }
            else
            {
                var kind = _random.NextDouble() switch { < 0.5 => "JOIN", < 0.75 => "LEFT JOIN", < 0.88 => "RIGHT JOIN", _ => "FULL JOIN" };
                sql.Append(' ').Append(kind).Append(' ').Append(table.Name).Append(" AS ").Append(alias).Append(" ON ").Append(condition);
            }

            columns.AddRange(tableColumns);
            tables.Add(table);
            small &= table.Small;
        }

        scope = new FuzzScope(columns, small && joins < 2, outer);
        return sql.ToString();
    }

    /// <summary>A table, a derived table or a CTE, aliased.</summary>
    private string Relation(int depth, out List<FuzzColumn> columns, out FuzzTable? table, out bool small)
    {
        var alias = NextAlias();
        if (depth > 1 && Chance(0.15))
        {
            var inner = Select(null, depth - 1, null, allowWindow: true, out var types);
            small = _lastSelectSmall;
            columns = types.Select((t, i) => new FuzzColumn(alias + ".c" + i.ToString(CultureInfo.InvariantCulture), t)).ToList();
            table = null;
            if (Chance(0.4))
            {
                var name = "cte" + _ctes.Count.ToString(CultureInfo.InvariantCulture);
                _ctes.Add(name + " AS (" + inner + ")");
                return name + " AS " + alias;
            }

            return "(" + inner + ") AS " + alias;
        }

        // Mostly small tables: they hold the edge values, and a case over them runs in milliseconds; the large ones
        // (up to lineitem's 60,000 rows) now and then.
        table = Chance(0.8) ? Pick(_smallTables) : Pick(_tables);
        small = table.Small;
        columns = table.Columns.Select(c => c with { Name = alias + "." + c.Name }).ToList();
        return table.Name + " AS " + alias;
    }


    private static (string Mine, string Theirs)? Linked(FuzzTable table, FuzzTable other)
    {
        foreach (var (column, target, targetColumn) in table.Keys)
        {
            if (target == other.Name)
            {
                return (column, targetColumn);
            }
        }

        foreach (var (column, target, targetColumn) in other.Keys)
        {
            if (target == table.Name)
            {
                return (targetColumn, column);
            }
        }

        return null;
    }

    /// <summary>The qualified name of a table's column among the FROM's columns (the first alias that has it).</summary>
    private static string AliasOf(List<FuzzColumn> columns, FuzzTable table, string column) =>
        columns.First(c => c.Name.EndsWith("." + column, StringComparison.Ordinal) && table.Columns.Any(t => t.Name == column)).Name;

    private string? EqualityBetween(List<FuzzColumn> left, List<FuzzColumn> right)
    {
        var pairs = (from l in left from r in right where Comparable(l.Type, r.Type) select (l, r)).ToList();
        if (pairs.Count == 0)
        {
            return null;
        }

        var (a, b) = Pick(pairs);
        return a.Name + (Chance(0.85) ? " = " : " IS NOT DISTINCT FROM ") + b.Name;
    }

    private static bool Comparable(FuzzType a, FuzzType b) => Class(a) == Class(b);

    private static int Class(FuzzType type) => type switch
    {
        FuzzType.Int or FuzzType.BigInt or FuzzType.Decimal or FuzzType.Double => 0,
        FuzzType.Text => 1,
        FuzzType.Date or FuzzType.Timestamp => 2,
        _ => 3,
    };

    private FuzzType PickComparable() => Pick([FuzzType.Int, FuzzType.BigInt, FuzzType.Decimal, FuzzType.Double, FuzzType.Text, FuzzType.Date, FuzzType.Timestamp]);

    private string NextAlias() => "t" + (_nextAlias++).ToString(CultureInfo.InvariantCulture);

    private string Window(FuzzType type, FuzzScope scope)
    {
        var over = new StringBuilder("OVER (");
        if (Chance(0.6))
        {
            over.Append("PARTITION BY ").Append(Leaf(Pick(AnyType), scope));
        }

        var ordered = Chance(0.6);
        if (ordered)
        {
            over.Append(over.Length > 6 ? " " : string.Empty).Append("ORDER BY ").Append(Leaf(PickComparable(), scope))
                .Append(Chance(0.5) ? " ASC" : " DESC").Append(Chance(0.5) ? " NULLS FIRST" : " NULLS LAST");
            if (Chance(0.3))
            {
                over.Append(Pick([" ROWS BETWEEN 1 PRECEDING AND CURRENT ROW", " ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING",
                    " RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW", " ROWS BETWEEN CURRENT ROW AND 2 FOLLOWING"]));
                // A ROWS frame over ties takes whichever peer comes first: the engines may differ.
                _portable = false;
            }
        }

        over.Append(')');
        switch (type)
        {
            case FuzzType.BigInt:
                return Pick(["COUNT(*) ", "RANK() ", "DENSE_RANK() ", "COUNT(" + Leaf(Pick(AnyType), scope) + ") "]) + over;
            case FuzzType.Int when Chance(0.5):
                _portable = false;
                return "CAST(ROW_NUMBER() " + over + " AS INTEGER)";
            case FuzzType.Decimal:
                return "SUM(" + Expr(FuzzType.Decimal, scope, 1) + ") " + over;
            case FuzzType.Bool:
                return Pick(["BOOL_AND(", "BOOL_OR("]) + Predicate(scope, 1) + ") " + over;
            default:
                if (Chance(0.3))
                {
                    _portable = false;
                    return Pick(["FIRST_VALUE(", "LAST_VALUE(", "LAG(", "LEAD("]) + Expr(type, scope, 1) + ") " + over;
                }

                return Pick(["MIN(", "MAX("]) + Expr(type, scope, 1) + ") " + over;
        }
    }

    /// <summary>An expression of the grouped query's output: an aggregate, a group key, or both combined.</summary>
    private string AggregateExpr(FuzzType type, List<(string Sql, FuzzType Type)> keys, FuzzScope scope, int depth)
    {
        var keysOfType = keys.Where(k => k.Type == type).ToList();
        var roll = _random.NextDouble();
        if (roll < 0.15 && keysOfType.Count > 0)
        {
            return Pick(keysOfType).Sql;
        }

        if (roll < 0.25 && Numeric.Contains(type) && depth > 0)
        {
            return "(" + AggregateExpr(type, keys, scope, depth - 1) + Pick([" + ", " - ", " * "]) + AggregateExpr(type, keys, scope, depth - 1) + ")";
        }

        if (roll < 0.32 && depth > 0)
        {
            return "COALESCE(" + AggregateExpr(type, keys, scope, depth - 1) + ", " + Literal(type) + ")";
        }

        if (roll < 0.37 && depth > 0)
        {
            return "CASE WHEN " + AggregatePredicate(keys, scope, depth - 1) + " THEN " + AggregateExpr(type, keys, scope, depth - 1) + " ELSE "
                + AggregateExpr(type, keys, scope, depth - 1) + " END";
        }

        if (roll < 0.40)
        {
            return Literal(type);
        }

        return Aggregate(type, scope, Math.Max(depth, 1));
    }

    private string Aggregate(FuzzType type, FuzzScope scope, int depth)
    {
        string call;
        switch (type)
        {
            case FuzzType.BigInt:
                call = _random.Next(4) switch
                {
                    0 => "COUNT(*)",
                    1 => "COUNT(" + Expr(Pick(AnyType), scope, depth) + ")",
                    2 => "COUNT(DISTINCT " + Expr(Pick(AnyType), scope, depth) + ")",
                    _ => "SUM(" + Expr(FuzzType.Int, scope, depth) + ")",
                };
                break;
            case FuzzType.Decimal:
                call = _random.Next(3) switch
                {
                    0 => "SUM(" + Expr(Pick([FuzzType.Decimal, FuzzType.BigInt]), scope, depth) + ")",
                    1 => "AVG(" + Expr(Pick([FuzzType.Decimal, FuzzType.Int, FuzzType.BigInt]), scope, depth) + ")",
                    _ => Pick(["MIN(", "MAX("]) + Expr(type, scope, depth) + ")",
                };
                break;
            case FuzzType.Double when !_exact && Chance(0.5):
                call = Pick(["SUM(", "AVG(", "STDDEV_SAMP(", "VAR_POP("]) + Expr(Pick(Numeric), scope, depth) + ")";
                if (!call.StartsWith("SUM", StringComparison.Ordinal) && !call.StartsWith("AVG", StringComparison.Ordinal))
                {
                    // Federation answers STDDEV and VARIANCE of any number as double precision; PostgreSQL and DuckDB as numeric
                    // or double by argument: the value compares as a number either way.
                    call = "CAST(" + call + " AS FLOAT8)";
                }

                break;
            case FuzzType.Text when Chance(0.2):
                _portable = false;
                call = "LISTAGG(" + Expr(type, scope, depth) + ", ',') WITHIN GROUP (ORDER BY " + Expr(type, scope, depth) + ")";
                break;
            case FuzzType.Bool:
                call = Pick(["BOOL_AND(", "BOOL_OR("]) + Predicate(scope, depth) + ")";
                break;
            default:
                call = Pick(["MIN(", "MAX("]) + Expr(type, scope, depth) + ")";
                break;
        }

        if (Chance(0.15))
        {
            call += " FILTER (WHERE " + Predicate(scope, 1) + ")";
        }

        return call;
    }

    private string AggregatePredicate(List<(string Sql, FuzzType Type)> keys, FuzzScope scope, int depth)
    {
        var roll = _random.NextDouble();
        if (roll < 0.15 && depth > 0)
        {
            return "(" + AggregatePredicate(keys, scope, depth - 1) + Pick([" AND ", " OR "]) + AggregatePredicate(keys, scope, depth - 1) + ")";
        }

        if (roll < 0.22 && depth > 0)
        {
            return "NOT (" + AggregatePredicate(keys, scope, depth - 1) + ")";
        }

        if (roll < 0.3)
        {
            return AggregateExpr(Pick(AnyType), keys, scope, depth) + Pick([" IS NULL", " IS NOT NULL"]);
        }

        var type = PickComparable();
        return AggregateExpr(type, keys, scope, depth) + " " + Pick(Comparisons) + " " + (Chance(0.5) ? Literal(type) : AggregateExpr(type, keys, scope, depth));
    }

    private string Predicate(FuzzScope scope, int depth) => Expr(FuzzType.Bool, scope, depth);

    private string Expr(FuzzType type, FuzzScope scope, int depth)
    {
        if (depth <= 0 || Chance(0.25))
        {
            return Leaf(type, scope);
        }

        var roll = _random.NextDouble();
        if (roll < 0.08)
        {
            return "CASE WHEN " + Predicate(scope, depth - 1) + " THEN " + Expr(type, scope, depth - 1) + (Chance(0.8) ? " ELSE " + Expr(type, scope, depth - 1) : string.Empty)
                + " END";
        }

        if (roll < 0.12)
        {
            return "COALESCE(" + Expr(type, scope, depth - 1) + ", " + Expr(type, scope, depth - 1) + ")";
        }

        if (roll < 0.14)
        {
            return "NULLIF(" + Expr(type, scope, depth - 1) + ", " + Expr(type, scope, depth - 1) + ")";
        }

        if (roll < 0.18 && depth > 1)
        {
            return ScalarSubquery(type, scope, depth - 1);
        }

        var d = depth - 1;
        return type switch
        {
            FuzzType.Int => IntExpr(scope, d),
            FuzzType.BigInt => BigIntExpr(scope, d),
            FuzzType.Decimal => DecimalExpr(scope, d),
            FuzzType.Double => DoubleExpr(scope, d),
            FuzzType.Text => TextExpr(scope, d),
            FuzzType.Date => DateExpr(scope, d),
            FuzzType.Timestamp => TimestampExpr(scope, d),
            _ => BoolExpr(scope, d),
        };
    }

    private string IntExpr(FuzzScope scope, int d)
    {
        switch (_random.Next(12))
        {
            case 0: return "(" + Expr(FuzzType.Int, scope, d) + " + " + Expr(FuzzType.Int, scope, d) + ")";
            case 1: return "(" + Expr(FuzzType.Int, scope, d) + " - " + Expr(FuzzType.Int, scope, d) + ")";
            case 2: return "(" + Expr(FuzzType.Int, scope, d) + " * " + Expr(FuzzType.Int, scope, d) + ")";
            case 3: return "(" + Expr(FuzzType.Int, scope, d) + " / " + Expr(FuzzType.Int, scope, d) + ")";
            case 4: return "(" + Expr(FuzzType.Int, scope, d) + " % " + Expr(FuzzType.Int, scope, d) + ")";
            case 5: return "(-" + Expr(FuzzType.Int, scope, d) + ")";
            case 6: return "ABS(" + Expr(FuzzType.Int, scope, d) + ")";
            case 7: return "LENGTH(" + Expr(FuzzType.Text, scope, d) + ")";
            case 8: return "POSITION(" + Literal(FuzzType.Text) + " IN " + Expr(FuzzType.Text, scope, d) + ")";
            case 9: return "CAST(" + Expr(FuzzType.BigInt, scope, d) + " AS INTEGER)";
            case 10:
                // Rounding of a double or decimal to an integer: PostgreSQL rounds doubles half to even, DuckDB half away from zero.
                _portable = false;
                return "CAST(" + Expr(Pick([FuzzType.Double, FuzzType.Decimal]), scope, d) + " AS INTEGER)";
            default: return "(" + Expr(FuzzType.Date, scope, d) + " - " + Expr(FuzzType.Date, scope, d) + ")";
        }
    }

    private string BigIntExpr(FuzzScope scope, int d) => _random.Next(6) switch
    {
        0 => "(" + Expr(FuzzType.BigInt, scope, d) + " + " + Expr(Pick([FuzzType.Int, FuzzType.BigInt]), scope, d) + ")",
        1 => "(" + Expr(FuzzType.BigInt, scope, d) + " - " + Expr(Pick([FuzzType.Int, FuzzType.BigInt]), scope, d) + ")",
        2 => "(" + Expr(FuzzType.BigInt, scope, d) + " * " + Expr(Pick([FuzzType.Int, FuzzType.BigInt]), scope, d) + ")",
        3 => "(" + Expr(FuzzType.BigInt, scope, d) + Pick([" / ", " % "]) + Expr(Pick([FuzzType.Int, FuzzType.BigInt]), scope, d) + ")",
        4 => "CAST(" + Expr(FuzzType.Int, scope, d) + " AS BIGINT)",
        _ => "ABS(" + Expr(FuzzType.BigInt, scope, d) + ")",
    };

    private string DecimalExpr(FuzzScope scope, int d) => _random.Next(8) switch
    {
        0 => "(" + Expr(FuzzType.Decimal, scope, d) + " + " + Expr(FuzzType.Decimal, scope, d) + ")",
        1 => "(" + Expr(FuzzType.Decimal, scope, d) + " - " + Expr(Pick([FuzzType.Decimal, FuzzType.Int]), scope, d) + ")",
        2 => "(" + Expr(FuzzType.Decimal, scope, d) + " * " + Expr(Pick([FuzzType.Decimal, FuzzType.Int]), scope, d) + ")",
        3 => "ROUND(" + Expr(FuzzType.Decimal, scope, d) + ", " + _random.Next(0, 4).ToString(CultureInfo.InvariantCulture) + ")",
        4 => "ABS(" + Expr(FuzzType.Decimal, scope, d) + ")",
        5 => "(-" + Expr(FuzzType.Decimal, scope, d) + ")",
        6 => "CAST(" + Expr(Pick([FuzzType.Int, FuzzType.BigInt]), scope, d) + " AS DECIMAL(20,4))",
        _ => "CAST(" + Expr(FuzzType.Decimal, scope, d) + " AS DECIMAL(18,2))",
    };

    private string DoubleExpr(FuzzScope scope, int d) => _random.Next(8) switch
    {
        0 => "(" + Expr(FuzzType.Double, scope, d) + " + " + Expr(Pick(Numeric), scope, d) + ")",
        1 => "(" + Expr(FuzzType.Double, scope, d) + " - " + Expr(FuzzType.Double, scope, d) + ")",
        2 => "(" + Expr(FuzzType.Double, scope, d) + " * " + Expr(Pick(Numeric), scope, d) + ")",
        3 => "(" + Expr(FuzzType.Double, scope, d) + " / " + Expr(FuzzType.Double, scope, d) + ")",
        4 => "CAST(" + Expr(Pick([FuzzType.Int, FuzzType.BigInt, FuzzType.Decimal]), scope, d) + " AS FLOAT8)",
        5 => "EXTRACT(" + Pick(["YEAR", "MONTH", "DAY"]) + " FROM " + Expr(Pick([FuzzType.Date, FuzzType.Timestamp]), scope, d) + ")",
        6 => "SQRT(ABS(" + Expr(FuzzType.Double, scope, d) + "))",
        _ => "(-" + Expr(FuzzType.Double, scope, d) + ")",
    };

    private string TextExpr(FuzzScope scope, int d)
    {
        switch (_random.Next(10))
        {
            case 0: return "(" + Expr(FuzzType.Text, scope, d) + " || " + Expr(FuzzType.Text, scope, d) + ")";
            case 1: return Pick(["UPPER(", "LOWER("]) + Expr(FuzzType.Text, scope, d) + ")";
            case 2:
                return "SUBSTRING(" + Expr(FuzzType.Text, scope, d) + ", " + _random.Next(1, 4).ToString(CultureInfo.InvariantCulture) + ", "
                    + _random.Next(0, 5).ToString(CultureInfo.InvariantCulture) + ")";
            case 3: return "TRIM(" + Expr(FuzzType.Text, scope, d) + ")";
            case 4: return "REPLACE(" + Expr(FuzzType.Text, scope, d) + ", 'a', 'xy')";
            case 5: return Pick(["LEFT(", "RIGHT("]) + Expr(FuzzType.Text, scope, d) + ", " + _random.Next(0, 4).ToString(CultureInfo.InvariantCulture) + ")";
            case 6: return "CAST(" + Expr(Pick([FuzzType.Int, FuzzType.BigInt, FuzzType.Date]), scope, d) + " AS VARCHAR)";
            case 7: return "CAST(" + Expr(FuzzType.Decimal, scope, d) + " AS VARCHAR)";
            case 8:
                // Shortest round-trip text of a double (Federation, PostgreSQL) against DuckDB's own printing.
                _portable = false;
                return "CAST(" + Expr(FuzzType.Double, scope, d) + " AS VARCHAR)";
            default: return "CAST(" + Predicate(scope, d) + " AS VARCHAR)";
        }
    }

    private string DateExpr(FuzzScope scope, int d) => _random.Next(4) switch
    {
        0 => "(" + Expr(FuzzType.Date, scope, d) + " + " + _random.Next(-400, 400).ToString(CultureInfo.InvariantCulture) + ")",
        1 => "(" + Expr(FuzzType.Date, scope, d) + " - " + _random.Next(0, 400).ToString(CultureInfo.InvariantCulture) + ")",
        2 => "CAST(" + Expr(FuzzType.Timestamp, scope, d) + " AS DATE)",
        _ => "CAST(" + Pick(["'1995-03-15'", "'2000-02-29'", "'1970-01-01'"]) + " AS DATE)",
    };

    private string TimestampExpr(FuzzScope scope, int d) => _random.Next(4) switch
    {
        0 => "CAST(" + Expr(FuzzType.Date, scope, d) + " AS TIMESTAMP)",
        1 => "DATE_TRUNC('" + Pick(["year", "month", "day", "hour"]) + "', " + Expr(FuzzType.Timestamp, scope, d) + ")",
        2 => "(" + Expr(FuzzType.Timestamp, scope, d) + " + INTERVAL '" + _random.Next(1, 40).ToString(CultureInfo.InvariantCulture) + " " + Pick(["days", "hours", "minutes"]) + "')",
        _ => "(" + Expr(FuzzType.Timestamp, scope, d) + " - INTERVAL '" + _random.Next(1, 40).ToString(CultureInfo.InvariantCulture) + " " + Pick(["days", "hours"]) + "')",
    };

    private string BoolExpr(FuzzScope scope, int d)
    {
        var roll = _random.Next(16);
        switch (roll)
        {
            case 0:
            case 1:
            case 2:
            {
                var type = PickComparable();
                var other = Numeric.Contains(type) ? Pick(Numeric) : type == FuzzType.Date && Chance(0.3) ? FuzzType.Timestamp : type;
                return "(" + Expr(type, scope, d) + " " + Pick(Comparisons) + " " + Expr(other, scope, d) + ")";
            }

            case 3: return "(" + Expr(Pick(AnyType), scope, d) + Pick([" IS NULL", " IS NOT NULL"]) + ")";
            case 4:
            {
                var type = Pick(AnyType);
                return "(" + Expr(type, scope, d) + Pick([" IS DISTINCT FROM ", " IS NOT DISTINCT FROM "]) + Expr(type, scope, d) + ")";
            }

            case 5:
            {
                var type = PickComparable();
                return "(" + Expr(type, scope, d) + Pick([" BETWEEN ", " NOT BETWEEN "]) + Expr(type, scope, d) + " AND " + Expr(type, scope, d) + ")";
            }

            case 6:
            {
                var type = PickComparable();
                var list = Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Chance(0.7) ? Literal(type) : Expr(type, scope, d));
                return "(" + Expr(type, scope, d) + Pick([" IN (", " NOT IN ("]) + string.Join(", ", list) + "))";
            }

            case 7:
                return "(" + Expr(FuzzType.Text, scope, d) + Pick([" LIKE ", " NOT LIKE ", " ILIKE "]) + Pick(["'a%'", "'%b%'", "'_'", "''", "'%'", "'A_C'", "'%é%'"]) + ")";
            case 8: return "(" + Predicate(scope, d) + " AND " + Predicate(scope, d) + ")";
            case 9: return "(" + Predicate(scope, d) + " OR " + Predicate(scope, d) + ")";
            case 10: return "(NOT " + Predicate(scope, d) + ")";
            case 11: return (Chance(0.3) ? "(NOT " : "(") + "EXISTS (" + Subquery(scope, d, FuzzType.Bool, exists: true) + "))";
            case 12:
            {
                var type = PickComparable();
                var sub = Subquery(scope, d, type, exists: false);
                return "(" + Expr(type, scope, d) + Pick([" IN (", " NOT IN ("]) + sub + "))";
            }

            case 13:
            {
                var type = PickComparable();
                var sub = Subquery(scope, d, type, exists: false);
                return "(" + Expr(type, scope, d) + " " + Pick(Comparisons) + Pick([" ANY (", " ALL ("]) + sub + "))";
            }

            case 14:
                _portable = false;
                return "(" + Predicate(scope, d) + Pick([" IS TRUE", " IS NOT FALSE", " IS UNKNOWN", " IS NOT UNKNOWN"]) + ")";
            default:
                return Leaf(FuzzType.Bool, scope);
        }
    }

    /// <summary>SELECT of one column of <paramref name="type"/> from one table, filtered and often correlated with <paramref name="outer"/>.</summary>
    private string Subquery(FuzzScope outer, int depth, FuzzType type, bool exists)
    {
        var from = SubqueryFrom(outer, depth, out var scope);
        return "SELECT " + (exists ? "1" : Expr(type, scope, Math.Max(depth, 0))) + from;
    }

    /// <summary>" FROM table AS alias [WHERE ...]" of a subquery, often correlated with <paramref name="outer"/>.</summary>
    private string SubqueryFrom(FuzzScope outer, int depth, out FuzzScope scope)
    {
        // A subquery correlated with a large FROM on any condition could pair every outer row with every inner one.
        var candidates = outer.Small ? _tables : _tables.Where(t => t.Small).ToList();
        var table = Pick(candidates);
        var alias = NextAlias();
        var columns = table.Columns.Select(c => c with { Name = alias + "." + c.Name }).ToList();
        scope = new FuzzScope(columns, table.Small, outer);
        var conditions = new List<string>();
        if (Chance(0.6) && EqualityBetween(columns, outer.Columns.ToList()) is { } correlation)
        {
            conditions.Add(correlation);
        }

        if (Chance(0.6))
        {
            conditions.Add(Predicate(scope, Math.Max(depth, 1)));
        }

        return " FROM " + table.Name + " AS " + alias + (conditions.Count > 0 ? " WHERE " + string.Join(" AND ", conditions) : string.Empty);
    }

    private string ScalarSubquery(FuzzType type, FuzzScope outer, int depth)
    {
        var from = SubqueryFrom(outer, depth, out var scope);
        // An aggregate whose argument names only outer columns belongs to the outer query in PostgreSQL: keep its
        // argument to the subquery's own columns.
        var own = scope with { Outer = null };
        var aggregate = type switch
        {
            FuzzType.BigInt when Chance(0.5) => "COUNT(*)",
            FuzzType.Bool => Pick(["BOOL_AND(", "BOOL_OR("]) + Predicate(own, 1) + ")",
            _ => Pick(["MIN(", "MAX("]) + Expr(type, own, Math.Max(depth, 0)) + ")",
        };
        return "(SELECT " + aggregate + from + ")";
    }

    private string Leaf(FuzzType type, FuzzScope scope)
    {
        var useOuter = scope.Outer is not null && Chance(0.2);
        var columns = (useOuter ? scope.Outer!.Columns : scope.Columns).Where(c => c.Type == type).ToList();
        if (columns.Count > 0 && Chance(0.75))
        {
            return Pick(columns).Name;
        }

        return Literal(type);
    }

    private string Literal(FuzzType type)
    {
        if (Chance(0.06))
        {
            return "CAST(NULL AS " + TypeName(type) + ")";
        }

        return type switch
        {
            FuzzType.Int => Pick(["0", "1", "-1", "2", "7", "10", "100", "2147483647", "CAST('-2147483648' AS INTEGER)"]),
            FuzzType.BigInt => "CAST(" + Pick(["0", "1", "-1", "9223372036854775807", "'-9223372036854775808'", "4294967296", "10"]) + " AS BIGINT)",
            FuzzType.Decimal => Pick(["0.5", "1.25", "-12.345", "100.00", "0.0000000001", "CAST('9999999999999999999999999999.9999999999' AS DECIMAL(38,10))",
                "CAST('99999999999999999999999999999999999999' AS DECIMAL(38,0))", "CAST('-0.01' AS DECIMAL(38,37))"]),
            FuzzType.Double => "CAST('" + Pick(["0", "-0", "1.5", "NaN", "Infinity", "-Infinity", "1e308", "5e-324", "0.1", "-3"]) + "' AS FLOAT8)",
            FuzzType.Text => Pick(["'a'", "''", "'abc'", "'A'", "'é'", "'hello world'", "'x%'", "'42'", "' '"]),
            FuzzType.Date => "DATE '" + Pick(["1995-01-01", "0001-01-01", "9999-12-31", "1970-01-01", "2000-02-29", "1998-08-02"]) + "'",
            FuzzType.Timestamp => "TIMESTAMP '" + Pick(["1995-06-17 08:00:00", "0001-01-01 00:00:00", "9999-12-31 23:59:59.999999", "1970-01-01 00:00:00",
                "1998-08-02 12:30:00.5"]) + "'",
            _ => Pick(["true", "false"]),
        };
    }

    private static string TypeName(FuzzType type) => type switch
    {
        FuzzType.Int => "INTEGER",
        FuzzType.BigInt => "BIGINT",
        FuzzType.Decimal => "DECIMAL(18,4)",
        FuzzType.Double => "FLOAT8",
        FuzzType.Text => "VARCHAR",
        FuzzType.Date => "DATE",
        FuzzType.Timestamp => "TIMESTAMP",
        _ => "BOOLEAN",
    };

    private bool Chance(double p) => _random.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
