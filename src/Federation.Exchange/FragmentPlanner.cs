using Federation.Common;
using Federation.Logical;
using Federation.Logical.Expressions;
using Federation.Physical;
using Federation.Physical.Expressions;
using Federation.Physical.Files;
using Federation.Physical.Operators;
using Federation.Physical.Pruning;
using Federation.Physical.Tables;
using Federation.Storage;

namespace Federation.Exchange;

/// <summary>
/// Turns a scan fragment into the operators that run it, on a worker or (when no worker is left) on the coordinator:
/// <code>
///   LimitExec (the fragment's limit, after filtering)
///     CoalescePartitionsExec (one stream back to the coordinator)
///       ProjectionExec (the output columns, when the filters read others)
///         FilterExec (every filter, as the coordinator's FilterExec would run it)
///           the format's scan of exactly the fragment's objects and row groups (filters given for pruning only)
/// </code>
/// A fragment with a partial aggregate has a Partial <see cref="HashAggregateExec"/> per scan partition where the
/// projection would be, and no limit. The scan is given the limit itself only when there is no filter, since it
/// counts rows before filtering.
/// </summary>
public sealed class FragmentPlanner
{
    private readonly ObjectStoreRegistry _stores;
    private readonly Dictionary<string, IFileFormat> _formats = new(StringComparer.Ordinal);

    public FragmentPlanner(ObjectStoreRegistry stores, IEnumerable<IFileFormat> formats)
    {
        _stores = stores;
        foreach (var format in formats)
        {
            _formats[format.Name] = format;
        }
    }

    /// <summary>The operators that run <paramref name="fragment"/>, and the file scan among them, whose counters say what was read.</summary>
    /// <param name="joinKeyFilters">Dynamic join filters of this process's plan (a fragment run on the coordinator).</param>
    public async Task<FragmentPlan> PlanAsync(ScanFragment fragment, int scanPartitions, CancellationToken cancellationToken,
        IReadOnlyList<(JoinKeyFilter Filter, IReadOnlyList<int> Columns)>? joinKeyFilters = null)
    {
        if (!_formats.TryGetValue(fragment.Format, out var format))
        {
            throw new FederationException(ErrorCode.NotSupported,
                $"this worker cannot read {fragment.Format} files of {fragment.Table} (it reads {string.Join(", ", _formats.Keys.Order(StringComparer.Ordinal))})");
        }

        var files = new PartitionedFile[fragment.Objects.Count];
        for (var i = 0; i < files.Length; i++)
        {
            var item = fragment.Objects[i];
            var (store, key) = _stores.Resolve(ObjectUrl(item));
            files[i] = new PartitionedFile(store, new ObjectMeta(key, item.Size, item.LastModified, item.ETag), item.PartitionValues)
            {
                RowGroups = item.RowGroups,
            };
        }

        var scanLimit = fragment.Filters.Count == 0 ? fragment.Limit : null;
        var config = new FileScanConfig(fragment.Table, fragment.TableColumns, fragment.DataColumns, files, fragment.Columns, fragment.Filters, scanLimit,
            scanPartitions) { JoinKeyFilters = joinKeyFilters ?? [], FormatProperties = fragment.FormatProperties };
        var scan = await format.CreateScanAsync(config, cancellationToken).ConfigureAwait(false);
        var plan = scan;

        var columns = new PlanColumn[fragment.Columns.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = fragment.Columns[i].Column;
        }

        if (fragment.Filters.Count > 0)
        {
            plan = new FilterExec(plan, ConjunctFilter.Compile(fragment.Filters, ExprCompiler.IndexOf(columns)));
        }

        if (fragment.Aggregate is { } aggregate)
        {
            plan = PartialAggregate(plan, aggregate, columns);
        }
        else if (!IsIdentity(fragment.Output, columns.Length))
        {
            var expressions = new PhysicalExpr[fragment.Output.Count];
            var fields = new PhysicalField[expressions.Length];
            for (var i = 0; i < expressions.Length; i++)
            {
                var column = columns[fragment.Output[i]];
                expressions[i] = new ColumnExpr(fragment.Output[i], column.Name, column.Type);
                fields[i] = plan.Fields[fragment.Output[i]];
            }

            plan = new ProjectionExec(plan, expressions, fields);
        }

        if (plan.OutputPartitionCount > 1)
        {
            plan = new CoalescePartitionsExec(plan);
        }

        return new FragmentPlan(fragment.Limit is { } limit ? new LimitExec(plan, 0, limit) : plan, scan);
    }

    /// <summary>The partial aggregate over each scan partition: group columns, then every call's state columns.</summary>
    private static HashAggregateExec PartialAggregate(PhysicalOperator input, PartialAggregation aggregate, PlanColumn[] columns)
    {
        var index = ExprCompiler.IndexOf(columns);
        var groups = new PhysicalExpr[aggregate.GroupBy.Count];
        var fields = new List<PhysicalField>();
        for (var g = 0; g < groups.Length; g++)
        {
            groups[g] = ExprCompiler.Compile(aggregate.GroupBy[g], index);
            fields.Add(new PhysicalField($"group{g}", groups[g].Type, true));
        }

        var specs = new AggregateSpec[aggregate.Aggregates.Count];
        for (var a = 0; a < specs.Length; a++)
        {
            var call = aggregate.Aggregates[a];
            var arguments = new PhysicalExpr[call.Arguments.Count];
            for (var i = 0; i < arguments.Length; i++)
            {
                arguments[i] = ExprCompiler.Compile(call.Arguments[i], index);
            }

            specs[a] = new AggregateSpec(call.Binding.Name, call.Binding, arguments, false, call.Filter is null ? null : ExprCompiler.Compile(call.Filter, index), []);
            var states = call.Binding.StateTypes!;
            for (var s = 0; s < states.Count; s++)
            {
                fields.Add(new PhysicalField($"{call.Binding.Name}{a}[{s}]", states[s], true));
            }
        }

        return new HashAggregateExec(AggregateMode.Partial, input, groups, specs, fields);
    }

    /// <summary>
    /// The object's full URL, which this worker resolves to its own store for it: the key there may differ from the
    /// coordinator's (every local path resolves to the store at the file system's root). A local store at the root
    /// calls itself "file:", which is not a URL to resolve.
    /// </summary>
    private static string ObjectUrl(FragmentObject item) =>
        item.StoreUrl.StartsWith("file:", StringComparison.Ordinal) && !item.StoreUrl.StartsWith("file://", StringComparison.Ordinal)
            ? "file://" + item.StoreUrl["file:".Length..].TrimEnd('/') + "/" + item.Key
            : item.Name;

    private static bool IsIdentity(IReadOnlyList<int> output, int columns)
    {
        if (output.Count != columns)
        {
            return false;
        }

        for (var i = 0; i < columns; i++)
        {
            if (output[i] != i)
            {
                return false;
            }
        }

        return true;
    }
}
