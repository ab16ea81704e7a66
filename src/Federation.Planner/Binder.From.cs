using Federation.Common;
using Federation.Common.Types;
using Federation.Logical;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Sql.Ast;

namespace Federation.Planner;

/// <summary>FROM: tables, CTE references, derived tables, table functions and joins.</summary>
public sealed partial class Binder
{
    private (LogicalPlan Plan, Scope Scope) BindFrom(IReadOnlyList<TableReference> from, Scope? outer)
    {
        if (from.Count == 0)
        {
            return (new EmptyRelation(true, []), Scope.Empty(outer));
        }

        LogicalPlan? plan = null;
        var columns = new List<ScopeColumn>();
        foreach (var reference in from)
        {
            var (itemPlan, itemColumns) = BindTableReference(reference, outer, columns);
            CheckDuplicateQualifiers(columns, itemColumns, reference);
            plan = plan is null ? itemPlan : new Join(plan, itemPlan, JoinType.Inner, null);
            columns.AddRange(itemColumns);
        }

        return (plan!, new Scope(columns, outer));
    }

    private static void CheckDuplicateQualifiers(List<ScopeColumn> existing, List<ScopeColumn> added, SqlNode node)
    {
        var left = existing.Select(c => c.Qualifier).Where(q => q is not null).ToHashSet(StringComparer.Ordinal);
        foreach (var q in added.Select(c => c.Qualifier).Where(q => q is not null).Distinct())
        {
            if (left.Contains(q!))
            {
                throw PlanError.At(node, ErrorCode.DuplicateObject, $"table name \"{q}\" specified more than once");
            }
        }
    }

    private (LogicalPlan Plan, List<ScopeColumn> Columns) BindTableReference(TableReference reference, Scope? outer, List<ScopeColumn> leftSiblings)
    {
        switch (reference)
        {
            case NamedTableReference named:
                return BindNamedTable(named);

            case DerivedTableReference derived:
            {
                // A LATERAL subquery sees the FROM items to its left; any subquery sees the enclosing query.
                var subqueryOuter = derived.Lateral ? new Scope(leftSiblings.ToArray(), outer) : outer;
                if (derived.Lateral)
                {
                    throw PlanError.NotSupported(derived, "LATERAL");
                }

                var plan = BindQuery(derived.Query, subqueryOuter);
                return (plan, ScopeFor(plan, derived.Alias, null, derived));
            }

            case TableFunctionReference function:
            {
                var arguments = new List<ScalarValue>();
                foreach (var argument in function.Arguments)
                {
                    var bound = BindConstantExpression(argument, "FROM");
                    if (bound is not Literal literal)
                    {
                        throw PlanError.At(argument, ErrorCode.InvalidArgument, "table function arguments must be constants");
                    }

                    arguments.Add(literal.Value);
                }

                var name = function.Name.Parts[^1].Value;
                var named = new Dictionary<string, ScalarValue>(StringComparer.Ordinal);
                if (function.Named.Count > 0 && _catalog.TableFunctionParameters(name) is { } parameters)
                {
                    foreach (var argument in function.Named)
                    {
                        var parameter = argument.Name.Value.ToLowerInvariant();
                        if (!parameters.Contains(parameter))
                        {
                            throw PlanError.At(argument, ErrorCode.InvalidArgument, parameters.Count == 0
                                ? $"table function \"{name}\" takes no named arguments, not {argument.Name.Value}"
                                : $"table function \"{name}\" has no parameter {argument.Name.Value}; its parameters are {string.Join(", ", parameters)}");
                        }

                        if (BindConstantExpression(argument.Value, "FROM") is not Literal literal)
                        {
                            throw PlanError.At(argument, ErrorCode.InvalidArgument, $"parameter {parameter} of table function \"{name}\" must be a constant");
                        }

                        if (!named.TryAdd(parameter, literal.Value))
                        {
                            throw PlanError.At(argument, ErrorCode.InvalidArgument, $"parameter {parameter} of table function \"{name}\" is given twice");
                        }
                    }
                }

                ITableSource? source;
                try
                {
                    source = named.Count == 0 ? _catalog.ResolveTableFunction(name, arguments) : _catalog.ResolveTableFunction(name, arguments, named);
                }
                catch (FederationException e)
                {
                    // An error about one named argument points at it.
                    var culprit = function.Named.FirstOrDefault(a => e.Message.Contains($"parameter {a.Name.Value.ToLowerInvariant()}", StringComparison.Ordinal));
                    throw PlanError.At(culprit ?? (SqlNode)function, e.Code, e.Message);
                }

                if (source is null)
                {
                    throw PlanError.At(function, ErrorCode.FunctionNotFound, $"table function \"{name}\" does not exist");
                }

                var plan = Scan(source, source.Name);
                return (plan, ScopeFor(plan, function.Alias, name, function));
            }

            case JoinReference join:
                return BindJoin(join, outer, leftSiblings);

            default:
                throw PlanError.NotSupported(reference, reference.GetType().Name);
        }
    }

    private (LogicalPlan Plan, List<ScopeColumn> Columns) BindNamedTable(NamedTableReference named)
    {
        var parts = named.Name.Parts.Select(p => p.Value).ToArray();
        if (parts.Length == 1 && !_ctesBeingBound.Contains(parts[0]) && FindCte(parts[0]) is { } shared && _shared.Contains(shared))
        {
            if (!_materialized.TryGetValue(shared, out var table))
            {
                _ctesBeingBound.Add(shared.Name.Value);
                try
                {
                    var definition = BindQuery(shared.Query, outer: null);
                    if (shared.ColumnAliases is { } aliases)
                    {
                        if (aliases.Count > definition.Output.Count)
                        {
                            throw PlanError.At(shared, ErrorCode.InvalidArgument,
                                $"WITH query \"{shared.Name.Value}\" has {definition.Output.Count} columns available but {aliases.Count} columns specified");
                        }

                        definition = Rename(definition, definition.Output.Select((c, i) => i < aliases.Count ? aliases[i].Value : c.Name).ToArray());
                    }

                    table = new CommonTable(shared.Name.Value, definition);
                    _materialized[shared] = table;
                }
                finally
                {
                    _ctesBeingBound.Remove(shared.Name.Value);
                }
            }

            var reference = new CteRef(table, table.Plan.Output.Select(c => NewColumn(c.Name, c.Type, c.Nullable)).ToArray());
            return (reference, ScopeFor(reference, named.Alias, shared.Name.Value, named));
        }

        if (parts.Length == 1 && !_ctesBeingBound.Contains(parts[0]) && FindCte(parts[0]) is { } cte)
        {
            _ctesBeingBound.Add(cte.Name.Value);
            LogicalPlan plan;
            try
            {
                // Bound afresh at every reference: each use gets its own column ids.
                plan = BindQuery(cte.Query, outer: null);
            }
            finally
            {
                _ctesBeingBound.Remove(cte.Name.Value);
            }

            if (cte.ColumnAliases is { } aliases)
            {
                if (aliases.Count > plan.Output.Count)
                {
                    throw PlanError.At(cte, ErrorCode.InvalidArgument,
                        $"WITH query \"{cte.Name.Value}\" has {plan.Output.Count} columns available but {aliases.Count} columns specified");
                }

                plan = Rename(plan, plan.Output.Select((c, i) => i < aliases.Count ? aliases[i].Value : c.Name).ToArray());
            }

            return (plan, ScopeFor(plan, named.Alias, cte.Name.Value, named));
        }

        var source = _catalog.FindTable(parts);
        if (source is null)
        {
            var display = string.Join(".", parts);
            var hint = NameSuggester.Closest(display, _catalog.VisibleTableNames());
            throw PlanError.At(named, ErrorCode.TableNotFound,
                $"relation \"{display}\" does not exist{(hint is null ? string.Empty : $"; did you mean \"{hint}\"?")}");
        }

        var scan = Scan(source, string.Join(".", parts));
        var columns = ScopeFor(scan, named.Alias, parts[^1], named).Select((c, i) => source.Columns[i].Hidden ? c with { Pseudo = true } : c).ToList();
        if (named.Alias is null && parts.Length > 1)
        {
            columns = columns.Select(c => c with { SchemaName = parts[^2] }).ToList();
        }

        return (scan, columns);
    }

    private TableScan Scan(ITableSource source, string name)
    {
        var columns = source.Columns.Select((c, i) => new ScanColumn(i, NewColumn(c.Name, c.Type, c.Nullable))).ToArray();
        return new TableScan(source, name, columns, [], null);
    }

    /// <summary>Scope entries for a FROM item: its alias (or default name) qualifies every column; column aliases rename.</summary>
    private static List<ScopeColumn> ScopeFor(LogicalPlan plan, TableAlias? alias, string? defaultQualifier, SqlNode node)
    {
        var output = plan.Output;
        var qualifier = alias?.Name.Value ?? defaultQualifier;
        var names = output.Select(c => c.Name).ToArray();
        if (alias?.Columns is { } columnAliases)
        {
            if (columnAliases.Count > names.Length)
            {
                throw PlanError.At(node, ErrorCode.InvalidArgument,
                    $"table \"{qualifier}\" has {names.Length} columns available but {columnAliases.Count} columns specified");
            }

            for (var i = 0; i < columnAliases.Count; i++)
            {
                names[i] = columnAliases[i].Value;
            }
        }

        return output.Select((c, i) => new ScopeColumn(qualifier, null, names[i], c)).ToList();
    }

    private (LogicalPlan Plan, List<ScopeColumn> Columns) BindJoin(JoinReference join, Scope? outer, List<ScopeColumn> leftSiblings)
    {
        var (leftPlan, leftColumns) = BindTableReference(join.Left, outer, leftSiblings);
        var (rightPlan, rightColumns) = BindTableReference(join.Right, outer, [.. leftSiblings, .. leftColumns]);
        CheckDuplicateQualifiers(leftColumns, rightColumns, join.Right);

        var type = join.Kind switch
        {
            JoinKind.Inner or JoinKind.Cross => JoinType.Inner,
            JoinKind.Left => JoinType.Left,
            JoinKind.Right => JoinType.Right,
            JoinKind.Full => JoinType.Full,
            _ => throw PlanError.NotSupported(join, join.Kind.ToString()),
        };

        IReadOnlyList<Identifier>? usingColumns = join.Using;
        if (join.Natural)
        {
            var rightNames = rightColumns.Where(c => !c.Hidden && !c.Pseudo).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            usingColumns = leftColumns.Where(c => !c.Hidden && !c.Pseudo && rightNames.Contains(c.Name)).Select(c => new Identifier(c.Name, false)).ToArray();
        }

        if (usingColumns is null)
        {
            Expr? condition = null;
            if (join.On is not null)
            {
                var scope = new Scope([.. leftColumns, .. rightColumns], outer);
                condition = CoerceToBoolean(BindExpr(join.On, new ExprContext(scope, "JOIN conditions")), join.On, "JOIN/ON");
            }
            else if (join.Kind != JoinKind.Cross && !(join.Kind == JoinKind.Inner && join.Natural))
            {
                if (join.Kind != JoinKind.Inner)
                {
                    throw PlanError.At(join, ErrorCode.SyntaxError, "syntax error: JOIN requires an ON or USING clause");
                }
            }

            var plan = new Join(leftPlan, rightPlan, type, condition);
            return (plan, WithJoinNullability(plan, [.. leftColumns, .. rightColumns]));
        }

        return BindUsingJoin(join, leftPlan, leftColumns, rightPlan, rightColumns, type, usingColumns);
    }

    /// <summary>
    /// USING / NATURAL: the join columns appear once (unqualified, and first in *), as the left value, the
    /// right value for RIGHT JOIN, or COALESCE of both for FULL JOIN; the originals stay reachable by qualifier.
    /// </summary>
    private (LogicalPlan Plan, List<ScopeColumn> Columns) BindUsingJoin(JoinReference join, LogicalPlan leftPlan, List<ScopeColumn> leftColumns,
        LogicalPlan rightPlan, List<ScopeColumn> rightColumns, JoinType type, IReadOnlyList<Identifier> usingColumns)
    {
        var pairs = new List<(ScopeColumn Left, ScopeColumn Right, SqlType Type)>();
        Expr? condition = null;
        foreach (var id in usingColumns)
        {
            var l = leftColumns.Where(c => !c.Hidden && c.Name == id.Value).ToList();
            var r = rightColumns.Where(c => !c.Hidden && c.Name == id.Value).ToList();
            if (l.Count != 1)
            {
                throw PlanError.At(id, l.Count == 0 ? ErrorCode.ColumnNotFound : ErrorCode.AmbiguousColumn,
                    $"column \"{id.Value}\" specified in USING clause {(l.Count == 0 ? "does not exist" : "is ambiguous")} in left table");
            }

            if (r.Count != 1)
            {
                throw PlanError.At(id, r.Count == 0 ? ErrorCode.ColumnNotFound : ErrorCode.AmbiguousColumn,
                    $"column \"{id.Value}\" specified in USING clause {(r.Count == 0 ? "does not exist" : "is ambiguous")} in right table");
            }

            var common = TypeCoercion.CommonType(l[0].Column.Type, r[0].Column.Type)
                ?? throw PlanError.At(id, ErrorCode.TypeMismatch,
                    $"JOIN/USING types {l[0].Column.Type} and {r[0].Column.Type} cannot be matched");
            pairs.Add((l[0], r[0], common));
            var eq = new BinaryExpr(BinaryOp.Equal, Coerce(new ColumnRef(l[0].Column), common, id), Coerce(new ColumnRef(r[0].Column), common, id), SqlType.Boolean);
            condition = condition is null ? eq : Conjunctions.And(condition, eq);
        }

        var joinPlan = new Join(leftPlan, rightPlan, type, condition);
        var joined = WithJoinNullability(joinPlan, [.. leftColumns, .. rightColumns]);
        var byId = joined.ToDictionary(c => c.Column.Id);

        var items = new List<ProjectionItem>();
        var columns = new List<ScopeColumn>();
        var usedIds = new HashSet<int>();
        foreach (var (l, r, common) in pairs)
        {
            var lc = byId[l.Column.Id].Column;
            var rc = byId[r.Column.Id].Column;
            Expr merged = type switch
            {
                JoinType.Right => Coerce(new ColumnRef(rc), common, join),
                JoinType.Full => BindCoalesce([Coerce(new ColumnRef(lc), common, join), Coerce(new ColumnRef(rc), common, join)], join),
                _ => Coerce(new ColumnRef(lc), common, join),
            };
            var column = NewColumn(l.Name, common, type == JoinType.Full ? lc.Nullable && rc.Nullable : merged.Nullable);
            items.Add(new ProjectionItem(merged, column));
            columns.Add(new ScopeColumn(null, null, l.Name, column));
            usedIds.Add(l.Column.Id);
            usedIds.Add(r.Column.Id);
        }

        foreach (var c in joined)
        {
            items.Add(new ProjectionItem(new ColumnRef(c.Column), c.Column));
            columns.Add(usedIds.Contains(c.Column.Id) ? c with { Hidden = true } : c);
        }

        return (new Projection(joinPlan, items), columns);
    }

    private static List<ScopeColumn> WithJoinNullability(Join join, List<ScopeColumn> columns)
    {
        var output = join.Output.ToDictionary(c => c.Id);
        return columns.Select(c => output.TryGetValue(c.Column.Id, out var col) ? c with { Column = col } : c).ToList();
    }
}
