using System.Text;
using Federation.Sql.Ast;

namespace Federation.Sql.Tests;

/// <summary>
/// Renders AST nodes as compact S-expressions so tests can assert a whole tree shape in one line:
/// a + b * c is "(+ a (* b c))". Positions are not rendered; tests check them separately.
/// </summary>
internal static class AstFormatter
{
    public static string Format(SqlNode node)
    {
        var builder = new StringBuilder();
        Write(builder, node);
        return builder.ToString();
    }

    private static void Write(StringBuilder b, SqlNode node)
    {
        switch (node)
        {
            case Expression e:
                WriteExpression(b, e);
                break;
            case Query q:
                WriteQuery(b, q);
                break;
            case QueryBody body:
                WriteBody(b, body);
                break;
            case TableReference t:
                WriteTable(b, t);
                break;
            case Statement s:
                WriteStatement(b, s);
                break;
            case OrderByItem o:
                WriteOrderBy(b, o);
                break;
            case WindowSpecification w:
                WriteWindow(b, w);
                break;
            case TypeName t:
                b.Append(t);
                break;
            default:
                b.Append(node.GetType().Name);
                break;
        }
    }

    private static void WriteExpression(StringBuilder b, Expression e)
    {
        switch (e)
        {
            case ColumnReference c:
                b.Append(c);
                break;
            case NumberLiteral n:
                b.Append(n.Text);
                break;
            case StringLiteral s:
                b.Append('\'').Append(s.Value.Replace("'", "''", StringComparison.Ordinal)).Append('\'');
                break;
            case BooleanLiteral bl:
                b.Append(bl.Value ? "true" : "false");
                break;
            case NullLiteral:
                b.Append("null");
                break;
            case TypedLiteral t:
                b.Append("(typed ").Append(t.Type).Append(" '").Append(t.Value).Append("')");
                break;
            case IntervalLiteral i:
                b.Append("(interval '").Append(i.Value).Append('\'');
                if (i.LeadingField is not null)
                {
                    b.Append(' ').Append(i.LeadingField);
                }

                if (i.TrailingField is not null)
                {
                    b.Append(" to ").Append(i.TrailingField);
                }

                b.Append(')');
                break;
            case ParameterReference p:
                b.Append('$').Append(p.Index);
                break;
            case UnaryExpression u:
                b.Append('(').Append(u.Operator switch
                {
                    UnaryOperator.Minus => "neg",
                    UnaryOperator.Plus => "pos",
                    UnaryOperator.AbsoluteValue => "abs",
                    _ => "not",
                }).Append(' ');
                WriteExpression(b, u.Operand);
                b.Append(')');
                break;
            case BinaryExpression bin:
                List(b, Symbol(bin.Operator), bin.Left, bin.Right);
                break;
            case IsNullExpression n:
                List(b, n.Negated ? "is-not-null" : "is-null", n.Operand);
                break;
            case IsBooleanExpression ib:
                List(b, (ib.Negated ? "is-not-" : "is-") + (ib.Value switch { true => "true", false => "false", null => "unknown" }), ib.Operand);
                break;
            case BetweenExpression bt:
                List(b, (bt.Negated ? "not-" : "") + "between" + (bt.Symmetric ? "-symmetric" : ""), bt.Operand, bt.Low, bt.High);
                break;
            case LikeExpression l:
            {
                string name = (l.Negated ? "not-" : "") + (l.CaseInsensitive ? "ilike" : "like");
                if (l.Escape is null)
                {
                    List(b, name, l.Operand, l.Pattern);
                }
                else
                {
                    List(b, name, l.Operand, l.Pattern, l.Escape);
                }

                break;
            }

            case RegexMatchExpression r:
            {
                string name = r.Similar
                    ? (r.Negated ? "not-similar" : "similar")
                    : (r.Negated ? "!" : "") + "~" + (r.CaseInsensitive ? "*" : "");
                List(b, name, r.Operand, r.Pattern);
                break;
            }

            case InListExpression il:
                b.Append(il.Negated ? "(not-in " : "(in ");
                WriteExpression(b, il.Operand);
                b.Append(" [");
                Join(b, il.List);
                b.Append("])");
                break;
            case InSubqueryExpression isq:
                b.Append(isq.Negated ? "(not-in " : "(in ");
                WriteExpression(b, isq.Operand);
                b.Append(' ');
                WriteQuery(b, isq.Subquery);
                b.Append(')');
                break;
            case ExistsExpression ex:
                b.Append("(exists ");
                WriteQuery(b, ex.Subquery);
                b.Append(')');
                break;
            case ScalarSubqueryExpression sq:
                b.Append("(subquery ");
                WriteQuery(b, sq.Subquery);
                b.Append(')');
                break;
            case QuantifiedComparisonExpression qc:
                b.Append('(').Append(Symbol(qc.Operator)).Append(qc.Quantifier == Quantifier.All ? "all " : "any ");
                WriteExpression(b, qc.Left);
                b.Append(' ');
                WriteQuery(b, qc.Subquery);
                b.Append(')');
                break;
            case CaseExpression c:
                b.Append("(case");
                if (c.Operand is not null)
                {
                    b.Append(' ');
                    WriteExpression(b, c.Operand);
                }

                foreach (WhenClause when in c.Whens)
                {
                    b.Append(' ');
                    List(b, "when", when.Condition, when.Result);
                }

                if (c.Else is not null)
                {
                    b.Append(' ');
                    List(b, "else", c.Else);
                }

                b.Append(')');
                break;
            case CastExpression cast:
                b.Append(cast.IsTry ? "(try-cast " : "(cast ");
                WriteExpression(b, cast.Operand);
                b.Append(' ').Append(cast.Type).Append(')');
                break;
            case FunctionCall f:
                WriteCall(b, f);
                break;
            default:
                b.Append(e.GetType().Name);
                break;
        }
    }

    private static void WriteCall(StringBuilder b, FunctionCall f)
    {
        b.Append('(').Append(f.Name);
        if (f.Distinct)
        {
            b.Append(" distinct");
        }

        if (f.Star)
        {
            b.Append(" *");
        }

        foreach (Expression argument in f.Arguments)
        {
            b.Append(' ');
            WriteExpression(b, argument);
        }

        if (f.WithinGroupOrderBy.Count > 0)
        {
            b.Append(" :within-group [");
            Join(b, f.WithinGroupOrderBy);
            b.Append(']');
        }

        if (f.Filter is not null)
        {
            b.Append(" :filter ");
            WriteExpression(b, f.Filter);
        }

        if (f.Over is not null)
        {
            b.Append(" :over ");
            WriteWindow(b, f.Over);
        }

        b.Append(')');
    }

    private static void WriteWindow(StringBuilder b, WindowSpecification w)
    {
        b.Append("(window");
        if (w.BaseWindowName is not null)
        {
            b.Append(' ').Append(w.BaseWindowName);
        }

        if (w.PartitionBy.Count > 0)
        {
            b.Append(" :partition [");
            Join(b, w.PartitionBy);
            b.Append(']');
        }

        if (w.OrderBy.Count > 0)
        {
            b.Append(" :order [");
            Join(b, w.OrderBy);
            b.Append(']');
        }

        if (w.Frame is not null)
        {
            b.Append(" :").Append(w.Frame.Units == WindowFrameUnits.Rows ? "rows " : "range ");
            WriteBound(b, w.Frame.Start);
            b.Append(' ');
            WriteBound(b, w.Frame.End);
        }

        b.Append(')');
    }

    private static void WriteBound(StringBuilder b, FrameBound bound)
    {
        switch (bound.Kind)
        {
            case FrameBoundKind.UnboundedPreceding:
                b.Append("unbounded-preceding");
                break;
            case FrameBoundKind.UnboundedFollowing:
                b.Append("unbounded-following");
                break;
            case FrameBoundKind.CurrentRow:
                b.Append("current-row");
                break;
            default:
                List(b, bound.Kind == FrameBoundKind.Preceding ? "preceding" : "following", bound.Offset!);
                break;
        }
    }

    private static void WriteOrderBy(StringBuilder b, OrderByItem o)
    {
        if (!o.Descending && o.NullsFirst is null)
        {
            WriteExpression(b, o.Expression);
            return;
        }

        b.Append('(');
        WriteExpression(b, o.Expression);
        if (o.Descending)
        {
            b.Append(" desc");
        }

        if (o.NullsFirst is { } nullsFirst)
        {
            b.Append(nullsFirst ? " nulls-first" : " nulls-last");
        }

        b.Append(')');
    }

    private static void WriteQuery(StringBuilder b, Query q)
    {
        b.Append("(query");
        if (q.With is not null)
        {
            b.Append(q.With.Recursive ? " :with-recursive [" : " :with [");
            for (int i = 0; i < q.With.Tables.Count; i++)
            {
                CommonTableExpression cte = q.With.Tables[i];
                b.Append(i == 0 ? "(" : " (").Append(cte.Name);
                if (cte.ColumnAliases is not null)
                {
                    b.Append(" [").AppendJoin(' ', cte.ColumnAliases).Append(']');
                }

                b.Append(' ');
                WriteQuery(b, cte.Query);
                b.Append(')');
            }

            b.Append(']');
        }

        b.Append(' ');
        WriteBody(b, q.Body);
        if (q.OrderBy.Count > 0)
        {
            b.Append(" :order [");
            Join(b, q.OrderBy);
            b.Append(']');
        }

        if (q.Limit is not null)
        {
            b.Append(" :limit ");
            WriteExpression(b, q.Limit);
        }

        if (q.Offset is not null)
        {
            b.Append(" :offset ");
            WriteExpression(b, q.Offset);
        }

        b.Append(')');
    }

    private static void WriteBody(StringBuilder b, QueryBody body)
    {
        switch (body)
        {
            case SelectBody s:
                b.Append(s.Distinct ? "(select-distinct [" : "(select [");
                for (int i = 0; i < s.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        b.Append(' ');
                    }

                    switch (s.Items[i])
                    {
                        case WildcardSelectItem w:
                            b.Append(w.Qualifier is null ? "*" : w.Qualifier + ".*");
                            break;
                        case ExpressionSelectItem e when e.Alias is null:
                            WriteExpression(b, e.Expression);
                            break;
                        case ExpressionSelectItem e:
                            b.Append("(as ");
                            WriteExpression(b, e.Expression);
                            b.Append(' ').Append(e.Alias).Append(')');
                            break;
                    }
                }

                b.Append(']');
                if (s.From.Count > 0)
                {
                    b.Append(" :from [");
                    Join(b, s.From);
                    b.Append(']');
                }

                if (s.Where is not null)
                {
                    b.Append(" :where ");
                    WriteExpression(b, s.Where);
                }

                if (s.GroupBy.Count > 0)
                {
                    b.Append(" :group [");
                    Join(b, s.GroupBy);
                    b.Append(']');
                }

                if (s.Having is not null)
                {
                    b.Append(" :having ");
                    WriteExpression(b, s.Having);
                }

                foreach (NamedWindow window in s.Windows)
                {
                    b.Append(" :window (").Append(window.Name).Append(' ');
                    WriteWindow(b, window.Specification);
                    b.Append(')');
                }

                b.Append(')');
                break;
            case SetOperationBody set:
                b.Append('(').Append(set.Operator.ToString().ToLowerInvariant()).Append(set.All ? "-all " : " ");
                WriteBody(b, set.Left);
                b.Append(' ');
                WriteBody(b, set.Right);
                b.Append(')');
                break;
            case ValuesBody v:
                b.Append("(values");
                foreach (IReadOnlyList<Expression> row in v.Rows)
                {
                    b.Append(" [");
                    Join(b, row);
                    b.Append(']');
                }

                b.Append(')');
                break;
            case NestedQueryBody n:
                b.Append("(nested ");
                WriteQuery(b, n.Query);
                b.Append(')');
                break;
        }
    }

    private static void WriteTable(StringBuilder b, TableReference t)
    {
        switch (t)
        {
            case NamedTableReference n:
                b.Append(n.Name);
                WriteAlias(b, n.Alias);
                break;
            case DerivedTableReference d:
                b.Append(d.Lateral ? "(lateral " : "(derived ");
                WriteQuery(b, d.Query);
                WriteAlias(b, d.Alias);
                b.Append(')');
                break;
            case TableFunctionReference f:
                b.Append("(table-function ").Append(f.Name);
                foreach (Expression argument in f.Arguments)
                {
                    b.Append(' ');
                    WriteExpression(b, argument);
                }

                WriteAlias(b, f.Alias);
                b.Append(')');
                break;
            case JoinReference j:
                b.Append('(').Append(j.Natural ? "natural-" : "").Append(j.Kind.ToString().ToLowerInvariant()).Append("-join ");
                WriteTable(b, j.Left);
                b.Append(' ');
                WriteTable(b, j.Right);
                if (j.On is not null)
                {
                    b.Append(" :on ");
                    WriteExpression(b, j.On);
                }

                if (j.Using is not null)
                {
                    b.Append(" :using [").AppendJoin(' ', j.Using).Append(']');
                }

                b.Append(')');
                break;
        }
    }

    private static void WriteAlias(StringBuilder b, TableAlias? alias)
    {
        if (alias is null)
        {
            return;
        }

        b.Append(" :as ").Append(alias.Name);
        if (alias.Columns is not null)
        {
            b.Append('[').AppendJoin(' ', alias.Columns).Append(']');
        }
    }

    private static void WriteStatement(StringBuilder b, Statement s)
    {
        switch (s)
        {
            case QueryStatement q:
                WriteQuery(b, q.Query);
                break;
            case ExplainStatement e:
                b.Append("(explain").Append(e.Analyze ? " analyze" : "").Append(e.Verbose ? " verbose" : "").Append(' ');
                WriteStatement(b, e.Statement);
                b.Append(')');
                break;
            case CreateExternalSchemaStatement c:
                WriteCreateExternalSchema(b, c);
                break;
            case DropSchemaStatement d:
                b.Append("(drop-schema").Append(d.IfExists ? " if-exists [" : " [").AppendJoin(' ', d.Names).Append(']')
                    .Append(d.DropExternalDatabase ? " drop-external-database" : "").Append(d.Cascade ? " cascade" : "").Append(')');
                break;
            case CreateExternalTableStatement c:
                WriteCreateExternalTable(b, c);
                break;
            case AlterTableAddPartitionStatement a:
                b.Append("(alter-table-add-partition").Append(a.IfNotExists ? " if-not-exists " : " ").Append(a.Table).Append(" [");
                for (int i = 0; i < a.Partitions.Count; i++)
                {
                    b.Append(i == 0 ? "(" : " (");
                    WritePartition(b, a.Partitions[i].Partition);
                    b.Append(" :location ");
                    WriteExpression(b, a.Partitions[i].Location);
                    b.Append(')');
                }

                b.Append("])");
                break;
            case AlterTableDropPartitionStatement d:
                b.Append("(alter-table-drop-partition").Append(d.IfExists ? " if-exists " : " ").Append(d.Table).Append(" [");
                for (int i = 0; i < d.Partitions.Count; i++)
                {
                    b.Append(i == 0 ? "" : " ");
                    WritePartition(b, d.Partitions[i]);
                }

                b.Append("])");
                break;
            case AlterTableSetLocationStatement l:
                b.Append("(alter-table-set-location ").Append(l.Table).Append(' ');
                if (l.Partition is not null)
                {
                    WritePartition(b, l.Partition);
                    b.Append(' ');
                }

                WriteExpression(b, l.Location);
                b.Append(')');
                break;
            case AlterTableSetTablePropertiesStatement p:
                b.Append("(alter-table-set-properties ").Append(p.Table).Append(' ');
                WriteProperties(b, p.Properties);
                b.Append(')');
                break;
            case RecoverPartitionsStatement r:
                b.Append("(recover-partitions ").Append(r.Table).Append(')');
                break;
            case RefreshExternalSchemaStatement r:
                b.Append("(refresh-external-schema ").Append(r.Name).Append(')');
                break;
            case RefreshTableStatement r:
                b.Append("(refresh-table ").Append(r.Table).Append(')');
                break;
            default:
                b.Append(s.GetType().Name);
                break;
        }
    }

    private static void WriteCreateExternalSchema(StringBuilder b, CreateExternalSchemaStatement c)
    {
        b.Append("(create-external-schema").Append(c.IfNotExists ? " if-not-exists " : " ").Append(c.Name)
            .Append(c.Catalog == ExternalCatalogKind.DataCatalog ? " :data-catalog " : " :hive-metastore ");
        WriteExpression(b, c.Database);
        WriteOption(b, "region", c.Region);
        WriteOption(b, "uri", c.Uri);
        if (c.Port is { } port)
        {
            b.Append(" :port ").Append(port);
        }

        WriteRole(b, "iam-role", c.IamRole);
        WriteRole(b, "catalog-role", c.CatalogRole);
        b.Append(c.CreateExternalDatabase ? " :create-external-database)" : ")");
    }

    private static void WriteCreateExternalTable(StringBuilder b, CreateExternalTableStatement c)
    {
        b.Append("(create-external-table").Append(c.IfNotExists ? " if-not-exists " : " ").Append(c.Name).Append(' ');
        WriteColumns(b, c.Columns);
        if (c.PartitionColumns.Count > 0)
        {
            b.Append(" :partitioned ");
            WriteColumns(b, c.PartitionColumns);
        }

        switch (c.RowFormat)
        {
            case DelimitedRowFormat d:
                b.Append(" :row-format (delimited");
                WriteOption(b, "fields", d.FieldTerminator);
                WriteOption(b, "escaped", d.EscapeCharacter);
                WriteOption(b, "items", d.CollectionItemTerminator);
                WriteOption(b, "map-keys", d.MapKeyTerminator);
                WriteOption(b, "lines", d.LineTerminator);
                WriteOption(b, "null", d.NullText);
                b.Append(')');
                break;
            case SerdeRowFormat s:
                b.Append(" :row-format (serde ");
                WriteExpression(b, s.SerdeClass);
                if (s.Properties.Count > 0)
                {
                    b.Append(" :properties ");
                    WriteProperties(b, s.Properties);
                }

                b.Append(')');
                break;
        }

        b.Append(" :stored-as ");
        if (c.StoredAs.Kind == StorageFormatKind.InputOutputFormat)
        {
            b.Append("(inputformat ");
            WriteExpression(b, c.StoredAs.InputFormat!);
            b.Append(" outputformat ");
            WriteExpression(b, c.StoredAs.OutputFormat!);
            b.Append(')');
        }
        else
        {
            b.Append(c.StoredAs.Kind.ToString().ToLowerInvariant());
        }

        b.Append(" :location ");
        WriteExpression(b, c.Location);
        if (c.TableProperties.Count > 0)
        {
            b.Append(" :properties ");
            WriteProperties(b, c.TableProperties);
        }

        b.Append(')');
    }

    private static void WriteColumns(StringBuilder b, IReadOnlyList<ColumnDefinition> columns)
    {
        b.Append('[');
        for (int i = 0; i < columns.Count; i++)
        {
            b.Append(i == 0 ? "(" : " (").Append(columns[i].Name).Append(' ').Append(columns[i].Type).Append(columns[i].NotNull ? " not-null)" : ")");
        }

        b.Append(']');
    }

    /// <summary>(partition key='value' ...)</summary>
    private static void WritePartition(StringBuilder b, PartitionSpec partition)
    {
        b.Append("(partition");
        foreach (PartitionKeyValue value in partition.Values)
        {
            b.Append(' ').Append(value.Key).Append('=');
            WriteExpression(b, value.Value);
        }

        b.Append(')');
    }

    /// <summary>[('key' 'value') ...]</summary>
    private static void WriteProperties(StringBuilder b, IReadOnlyList<KeyValueProperty> properties)
    {
        b.Append('[');
        for (int i = 0; i < properties.Count; i++)
        {
            b.Append(i == 0 ? "(" : " (");
            WriteExpression(b, properties[i].Key);
            b.Append(' ');
            WriteExpression(b, properties[i].Value);
            b.Append(')');
        }

        b.Append(']');
    }

    private static void WriteOption(StringBuilder b, string name, StringLiteral? value)
    {
        if (value is not null)
        {
            b.Append(" :").Append(name).Append(' ');
            WriteExpression(b, value);
        }
    }

    private static void WriteRole(StringBuilder b, string name, ExternalRole? role)
    {
        if (role is null)
        {
            return;
        }

        b.Append(" :").Append(name).Append(' ');
        if (role.Arn is null)
        {
            b.Append("default");
        }
        else
        {
            WriteExpression(b, role.Arn);
        }
    }

    private static void List(StringBuilder b, string head, params Expression[] items)
    {
        b.Append('(').Append(head);
        foreach (Expression item in items)
        {
            b.Append(' ');
            WriteExpression(b, item);
        }

        b.Append(')');
    }

    private static void Join<T>(StringBuilder b, IEnumerable<T> nodes)
        where T : SqlNode
    {
        bool first = true;
        foreach (T node in nodes)
        {
            if (!first)
            {
                b.Append(' ');
            }

            first = false;
            Write(b, node);
        }
    }

    private static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        BinaryOperator.Concat => "||",
        BinaryOperator.Equal => "=",
        BinaryOperator.NotEqual => "<>",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.And => "and",
        BinaryOperator.Or => "or",
        BinaryOperator.IsDistinctFrom => "is-distinct-from",
        BinaryOperator.IsNotDistinctFrom => "is-not-distinct-from",
        BinaryOperator.Power => "^",
        _ => op.ToString(),
    };
}
