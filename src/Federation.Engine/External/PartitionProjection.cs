using Federation.Catalog.Metastore;
using Federation.Common;

namespace Federation.Engine.External;

/// <summary>
/// Athena's partition projection on a table of any catalog: with 'projection.enabled' = 'true' the partitions are
/// computed from the projection.&lt;key&gt;.* properties and the query's predicate, and the metastore's partitions
/// are never asked for. Each key's candidates are narrowed first (its equalities and bounds, then the engine's own
/// evaluation of the filters on that key alone), then combined; more than <see cref="MaxPartitions"/> combinations is
/// an error naming the table, as in Athena. A partition's files are under 'storage.location.template' with ${key}
/// replaced by its value, or under &lt;location&gt;/&lt;key&gt;=&lt;value&gt;/ for each key.
/// </summary>
internal sealed class PartitionProjection
{
    public const long MaxPartitions = 1_000_000;

    public const string EnabledProperty = "projection.enabled";

    public const string TemplateProperty = "storage.location.template";

    private readonly MetastoreTable _table;
    private readonly IReadOnlyList<ProjectedKey> _keys;
    private readonly string? _template;
    private readonly string _display;

    private PartitionProjection(MetastoreTable table, IReadOnlyList<ProjectedKey> keys, string? template, string display)
    {
        _table = table;
        _keys = keys;
        _template = template;
        _display = display;
    }

    /// <summary>The table's projection, or null when 'projection.enabled' is not 'true'; bad properties are an error naming the property.</summary>
    public static PartitionProjection? From(MetastoreTable table, string display)
    {
        string? Property(string name) => table.Properties.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

        var enabled = Property(EnabledProperty);
        if (enabled is null || string.Equals(enabled.Trim(), "false", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!string.Equals(enabled.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new FederationException(ErrorCode.InvalidArgument, $"table property '{EnabledProperty}' of {display} must be 'true' or 'false', not '{enabled}'");
        }

        if (!table.IsPartitioned)
        {
            throw new FederationException(ErrorCode.InvalidArgument, $"table property '{EnabledProperty}' of {display} needs partition keys: the table is not partitioned");
        }

        // A projection.<name>.* property of a name that is no partition key is a mistake worth naming.
        foreach (var key in table.Properties.Keys)
        {
            if (key.StartsWith("projection.", StringComparison.OrdinalIgnoreCase) && !string.Equals(key, EnabledProperty, StringComparison.OrdinalIgnoreCase))
            {
                var rest = key["projection.".Length..];
                if (!table.PartitionKeys.Any(k => rest.StartsWith(k.Name + ".", StringComparison.OrdinalIgnoreCase)))
                {
                    throw new FederationException(ErrorCode.InvalidArgument,
                        $"table property '{key}' of {display} names no partition key (they are {string.Join(", ", table.PartitionKeys.Select(k => k.Name))})");
                }
            }
        }

        var keys = table.PartitionKeys.Select(k => ProjectedKey.Parse(k.Name, Property, display)).ToArray();
        var template = Property(TemplateProperty);
        if (template is not null)
        {
            foreach (var key in table.PartitionKeys)
            {
                if (!template.Contains("${" + key.Name + "}", StringComparison.OrdinalIgnoreCase))
                {
                    throw new FederationException(ErrorCode.InvalidArgument,
                        $"table property '{TemplateProperty}' of {display} ('{template}') has no ${{{key.Name}}}: it must place every partition key");
                }
            }
        }

        return new PartitionProjection(table, keys, template, display);
    }

    /// <summary>
    /// The partitions the query may need: for each key the candidates its equalities and bounds in
    /// <paramref name="predicate"/> leave, then those <paramref name="keepKey"/> (the engine's filters on that key alone,
    /// given the key's position and its candidates' text) keeps, combined in key order.
    /// </summary>
    public IReadOnlyList<MetastorePartition> Project(PartitionPredicate? predicate, Func<int, IReadOnlyList<string>, bool[]> keepKey, DateTime now)
    {
        var conjuncts = new List<PartitionPredicate>();
        Conjuncts(predicate, conjuncts);
        var perKey = new List<string>[_keys.Count];
        long product = 1;
        for (var k = 0; k < _keys.Count; k++)
        {
            var key = _keys[k];
            // Equalities on a number say nothing about enum or date text ('01' = 1), so only integer and injected keys take them.
            var (equalTo, lower, upper) = Constraints(key.Name, conjuncts, key.Kind is ProjectionKind.Integer or ProjectionKind.Injected);
            var candidates = key.Candidates(equalTo, lower, upper, now, _display, MaxPartitions);
            var keep = keepKey(k, candidates);
            var kept = new List<string>(candidates.Count);
            for (var i = 0; i < candidates.Count; i++)
            {
                if (keep[i])
                {
                    kept.Add(candidates[i]);
                }
            }

            perKey[k] = kept;
            product *= kept.Count;
            if (product > MaxPartitions)
            {
                throw ProjectedKey.TooMany(_display, product, MaxPartitions);
            }
        }

        var partitions = new List<MetastorePartition>((int)product);
        var values = new string?[_keys.Count];
        Combine(perKey, 0, values, partitions);
        return partitions;
    }

    private void Combine(List<string>[] perKey, int k, string?[] values, List<MetastorePartition> partitions)
    {
        if (k == perKey.Length)
        {
            partitions.Add(new MetastorePartition(values.ToArray(), Location(values)));
            return;
        }

        foreach (var value in perKey[k])
        {
            values[k] = value;
            Combine(perKey, k + 1, values, partitions);
        }
    }

    private string Location(string?[] values)
    {
        if (_template is not null)
        {
            var location = _template;
            for (var k = 0; k < _keys.Count; k++)
            {
                location = location.Replace("${" + _keys[k].Name + "}", values[k], StringComparison.OrdinalIgnoreCase);
            }

            return location;
        }

        var folder = _table.Location.EndsWith('/') ? _table.Location : _table.Location + "/";
        for (var k = 0; k < _keys.Count; k++)
        {
            folder += $"{_keys[k].Name}={values[k]}/";
        }

        return folder;
    }

    private static void Conjuncts(PartitionPredicate? predicate, List<PartitionPredicate> into)
    {
        switch (predicate)
        {
            case null:
                return;
            case PartitionAnd and:
                foreach (var operand in and.Operands)
                {
                    Conjuncts(operand, into);
                }

                return;
            default:
                into.Add(predicate);
                return;
        }
    }

    /// <summary>What the conjuncts on one key alone say: the values it must equal (null: any), and numeric bounds (a superset: strict ones are taken as inclusive).</summary>
    private static (IReadOnlySet<string>? EqualTo, decimal? Lower, decimal? Upper) Constraints(string key, List<PartitionPredicate> conjuncts, bool numericEqualities)
    {
        HashSet<string>? equalTo = null;
        decimal? lower = null, upper = null;
        foreach (var conjunct in conjuncts)
        {
            if (EqualValues(key, conjunct, numericEqualities) is { } values)
            {
                if (equalTo is null)
                {
                    equalTo = values;
                }
                else
                {
                    equalTo.IntersectWith(values);
                }

                continue;
            }

            if (conjunct is PartitionComparison { Numeric: true } c && string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase)
                && decimal.TryParse(c.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var bound))
            {
                switch (c.Operator)
                {
                    case PartitionOperator.Greater or PartitionOperator.GreaterOrEqual:
                        lower = lower is { } l && l > bound ? l : bound;
                        break;
                    case PartitionOperator.Less or PartitionOperator.LessOrEqual:
                        upper = upper is { } u && u < bound ? u : bound;
                        break;
                }
            }
        }

        return (equalTo, lower, upper);
    }

    /// <summary>The values key = v, key IN (...) or an OR of those on the key alone admits; null when the predicate is not of that shape.</summary>
    private static HashSet<string>? EqualValues(string key, PartitionPredicate predicate, bool numeric)
    {
        switch (predicate)
        {
            case PartitionComparison { Operator: PartitionOperator.Equal } c when string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase) && (numeric || !c.Numeric):
                return new HashSet<string>(StringComparer.Ordinal) { c.Value };
            case PartitionInList list when string.Equals(list.Key, key, StringComparison.OrdinalIgnoreCase) && (numeric || !list.Numeric):
                return new HashSet<string>(list.Values, StringComparer.Ordinal);
            case PartitionOr or:
                var union = new HashSet<string>(StringComparer.Ordinal);
                foreach (var operand in or.Operands)
                {
                    if (EqualValues(key, operand, numeric) is not { } values)
                    {
                        return null;
                    }

                    union.UnionWith(values);
                }

                return union;
            default:
                return null;
        }
    }
}
