using System.Globalization;
using System.Runtime.CompilerServices;
using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Engine.External;
using Federation.Execution;
using Federation.LocalTables;
using Federation.Logical;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Federation.Optimizer;
using Federation.Physical;
using Federation.Physical.Operators;
using Federation.Physical.Planning;
using Federation.Physical.Tables;
using Federation.Planner;
using Federation.Sql.Ast;
using Federation.Sql.Parsing;

namespace Federation.Engine;

/// <summary>
/// One client's session: parses, binds, optimizes, plans and runs statements against the engine's catalog with
/// the session's settings (SET memory_limit, ...). Queries stream their results; other statements complete
/// before the result returns. A session runs one statement at a time; sessions run concurrently.
/// </summary>
public sealed class Session
{
    private readonly FederationEngine _engine;
    private readonly CatalogView _view;
    private readonly SessionSettings _settings;
    private readonly ExternalDdl _externalDdl;

    internal Session(FederationEngine engine, string user, bool readOnly)
    {
        _engine = engine;
        User = user;
        ReadOnly = readOnly;
        _view = new CatalogView(engine);
        _settings = new SessionSettings(engine.DefaultOptions);
        _externalDdl = new ExternalDdl(engine);
    }

    public ExecutionOptions Options => _settings.Options;

    public string User { get; }

    /// <summary>Whether the session may only read: statements that change tables are refused.</summary>
    public bool ReadOnly { get; }

    /// <summary>The schemas and tables this session sees, for metadata calls that list them.</summary>
    public Catalog.ICatalog Catalog => _engine.Catalog;

    /// <summary>Every schema this session sees, local and external, for metadata calls that list them.</summary>
    public IReadOnlyList<string> SchemaNames() =>
        _engine.Catalog.SchemaNames().Concat(_engine.External.Schemas().Select(s => s.Name)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>The tables of a schema, local or external, for metadata calls that list them.</summary>
    public IReadOnlyList<string> TableNames(string schema) =>
        _engine.External.FindSchema(schema) is not null ? _engine.External.Tables(schema).Select(t => t.Name).ToArray() : _engine.Catalog.TableNames(schema);

    /// <summary>
    /// A table as a query of schema.table would see it, for metadata calls that describe it; null when there is none,
    /// or when it is an external table in a format this server cannot read (a query of it says so).
    /// </summary>
    public ITableProvider? FindTable(string schema, string table)
    {
        try
        {
            return _view.FindTable([schema, table]) as ITableProvider;
        }
        catch (FederationException e) when (e.Code == ErrorCode.NotSupported)
        {
            return null;
        }
    }

    /// <summary>The functions this session can call, for metadata calls that list them.</summary>
    public Functions.FunctionRegistry Functions => _engine.Functions;

    /// <summary>Runs exactly one statement.</summary>
    public Task<StatementResult> ExecuteAsync(string sql, CancellationToken cancellationToken = default) =>
        ExecuteAsync(SqlParser.ParseStatement(sql), [], cancellationToken);

    /// <summary>Runs each statement of a script in turn; stops at the first error.</summary>
    public async IAsyncEnumerable<StatementResult> ExecuteScriptAsync(string sql, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var statement in SqlParser.Parse(sql))
        {
            yield return await ExecuteAsync(statement, [], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs one statement under the session's statement_timeout: a query's result streams, and its timer runs until
    /// the stream ends.
    /// </summary>
    public async Task<StatementResult> ExecuteAsync(Statement statement, IReadOnlyList<ScalarValue> parameters, CancellationToken cancellationToken = default)
    {
        var deadline = new StatementDeadline(Options.StatementTimeout, cancellationToken);
        StatementResult result;
        try
        {
            result = await ExecuteCoreAsync(statement, parameters, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var error = deadline.Relabel(e as FederationException ?? Wrap(e, deadline.Token));
            deadline.Dispose();
            throw error;
        }

        if (!deadline.Limited || !result.ReturnsRows)
        {
            deadline.Dispose();
            return result;
        }

        return result.WithBatches(UntilDeadline(result.Batches, deadline));
    }

    /// <summary>A result's batches under its statement's timer, which is released when the stream ends.</summary>
    private static async IAsyncEnumerable<RecordBatch> UntilDeadline(IAsyncEnumerable<RecordBatch> batches, StatementDeadline deadline,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            await using var enumerator = batches.GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                bool more;
                try
                {
                    more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                }
                catch (FederationException e)
                {
                    throw deadline.Relabel(e);
                }
                catch (OperationCanceledException e) when (deadline.TimedOut)
                {
                    throw deadline.Relabel(Wrap(e, deadline.Token));
                }

                if (!more)
                {
                    yield break;
                }

                yield return enumerator.Current;
            }
        }
        finally
        {
            deadline.Dispose();
        }
    }

    /// <summary>
    /// Types a statement without running it: infers the statement's $n parameters from their context (as PostgreSQL does:
    /// <c>col = $1</c> takes col's type, <c>$1 + 1</c> is an integer, LIMIT $1 a bigint, INSERT VALUES ($1) the target
    /// column's type, anything undecided text) and works out the columns it answers.
    /// </summary>
    public PreparedStatement Prepare(Statement statement)
    {
        try
        {
            return PrepareCore(statement);
        }
        catch (Exception e) when (Unexpected(e))
        {
            throw Wrap(e, CancellationToken.None);
        }
    }

    private PreparedStatement PrepareCore(Statement statement)
    {
        var none = new Schema.Builder().Build();
        switch (statement)
        {
            case QueryStatement query:
            {
                var planned = PlanQuery(query.Query);
                return new PreparedStatement(statement, planned.ParameterTypes, ZonedSchema.For(planned.Physical.Schema, Options.TimeZone), returnsRows: true);
            }

            case ExplainStatement { Statement: QueryStatement query }:
                return new PreparedStatement(statement, PlanQuery(query.Query).ParameterTypes, TextSchema(ExplainColumns), returnsRows: true);
            case InsertStatement insert:
            {
                var (_, planned) = BindInsert(insert, null);
                return new PreparedStatement(statement, planned.ParameterTypes, none, returnsRows: false);
            }

            case CreateTableStatement { AsQuery: { } asQuery }:
                return new PreparedStatement(statement, PlanQuery(asQuery).ParameterTypes, none, returnsRows: false);
            case ShowStatement show:
                return new PreparedStatement(statement, [], TextSchema(show.Name is null ? ShowAllColumns : [show.Name.Value]), returnsRows: true);
            case CreateTableStatement or DropTableStatement or TruncateStatement or SetStatement or ResetStatement
                or CreateExternalSchemaStatement or DropSchemaStatement or CreateExternalTableStatement or AlterTableStatement or RecoverPartitionsStatement or RefreshExternalSchemaStatement or RefreshTableStatement:
                return new PreparedStatement(statement, [], none, returnsRows: false);
            default:
                // Whatever running it would say (EXPLAIN of a non-query, statements not supported at all).
                throw FederationException.NotSupported(statement.GetType().Name.Replace("Statement", string.Empty, StringComparison.Ordinal).ToUpperInvariant() + " statements");
        }
    }

    /// <summary>Anything but our own errors is a bug or a cancellation: it still ends only the statement, with a clear error.</summary>
    private static bool Unexpected(Exception e) => e is not FederationException;

    private static FederationException Wrap(Exception e, CancellationToken cancellationToken) => e switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested =>
            new FederationException(ErrorCode.QueryCancelled, "canceling statement due to user request", e),
        OutOfMemoryException => new FederationException(ErrorCode.MemoryLimitExceeded, "out of memory: the query needs more memory than the process has", e),
        _ => new FederationException(ErrorCode.Internal, $"internal error: {e.GetType().Name}: {e.Message}", e),
    };

    /// <summary>Execution errors surface while batches are read: give them the same treatment.</summary>
    private static async IAsyncEnumerable<RecordBatch> Guarded(IAsyncEnumerable<RecordBatch> batches, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var enumerator = batches.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            RecordBatch batch;
            try
            {
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }

                batch = enumerator.Current;
            }
            catch (Exception e) when (Unexpected(e))
            {
                throw Wrap(e, cancellationToken);
            }

            yield return batch;
        }
    }

    private async Task<StatementResult> ExecuteCoreAsync(Statement statement, IReadOnlyList<ScalarValue> parameters, CancellationToken cancellationToken)
    {
        if (ReadOnly && Writes(statement))
        {
            throw new FederationException(ErrorCode.PermissionDenied, $"permission denied: user \"{User}\" may only read");
        }

        // Tables that other tools created in a Hive metastore are visible to the statement that follows.
        if (statement is QueryStatement or ExplainStatement or InsertStatement or CreateTableStatement)
        {
            await _engine.External.RefreshRemoteAsync(cancellationToken).ConfigureAwait(false);
        }

        switch (statement)
        {
            case QueryStatement query:
            {
                var planned = PlanQuery(query.Query, parameters);
                return Run(planned, parameters, cancellationToken);
            }

            case ExplainStatement explain:
                return await ExplainAsync(explain, parameters, cancellationToken).ConfigureAwait(false);
            case CreateTableStatement create:
                return await CreateTableAsync(create, parameters, cancellationToken).ConfigureAwait(false);
            case InsertStatement insert:
                return await InsertAsync(insert, parameters, cancellationToken).ConfigureAwait(false);
            case DropTableStatement drop:
                return await DropTableAsync(drop, cancellationToken).ConfigureAwait(false);
            case TruncateStatement truncate:
                return await TruncateAsync(truncate, cancellationToken).ConfigureAwait(false);
            case CreateExternalSchemaStatement createSchema:
                return await _externalDdl.CreateSchemaAsync(createSchema, cancellationToken).ConfigureAwait(false);
            case DropSchemaStatement dropSchema:
                return await _externalDdl.DropSchemaAsync(dropSchema, cancellationToken).ConfigureAwait(false);
            case CreateExternalTableStatement createExternal:
                return await _externalDdl.CreateTableAsync(createExternal, cancellationToken).ConfigureAwait(false);
            case AlterTableStatement alter:
                return await _externalDdl.AlterTableAsync(alter, cancellationToken).ConfigureAwait(false);
            case RecoverPartitionsStatement recover:
                return await _externalDdl.RecoverPartitionsAsync(recover, cancellationToken).ConfigureAwait(false);
            case RefreshExternalSchemaStatement refresh:
                return await _externalDdl.RefreshSchemaAsync(refresh, cancellationToken).ConfigureAwait(false);
            case RefreshTableStatement refreshTable:
                return await _externalDdl.RefreshTableAsync(refreshTable, cancellationToken).ConfigureAwait(false);
            case SetStatement set:
                _settings.Set(set.Name.Value, set.Value is null ? null : SettingValue(set.Value));
                return StatementResult.Command("SET");
            case ResetStatement reset:
                _settings.Reset(reset.Name?.Value);
                return StatementResult.Command("RESET");
            case ShowStatement show:
                return Show(show);
            default:
                // Parsed but not yet bound or run (the external-table DDL): say which statement, as the user wrote it.
                throw new FederationException(ErrorCode.NotSupported, $"{StatementName(statement)} is not supported yet");
        }
    }

    /// <summary>The words a statement type spells: CreateExternalTableStatement is "CREATE EXTERNAL TABLE".</summary>
    private static string StatementName(Statement statement)
    {
        string type = statement.GetType().Name;
        type = type.EndsWith("Statement", StringComparison.Ordinal) ? type[..^"Statement".Length] : type;
        return string.Concat(type.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + c : c.ToString())).ToUpperInvariant();
    }

    /// <summary>Whether a statement changes tables; EXPLAIN ANALYZE runs its statement, so it writes when that does.</summary>
    public static bool Writes(Statement statement) => statement switch
    {
        QueryStatement or SetStatement or ResetStatement or ShowStatement => false,
        ExplainStatement explain => explain.Analyze && Writes(explain.Statement),
        _ => true,
    };

    /// <summary>A bound, optimized and physically planned query.</summary>
    public sealed record PlannedQuery(LogicalPlan Logical, LogicalPlan Optimized, PhysicalOperator Physical, IReadOnlyList<SqlType> ParameterTypes,
        long StatementTimestampMicros, OptimizerContext OptimizerContext)
    {
        public IReadOnlyList<PlanColumn> Columns => Optimized.Output;
    }

    /// <summary>Plans a query; without <paramref name="parameters"/> (when preparing) $n are typed from their context.</summary>
    public PlannedQuery PlanQuery(Query query, IReadOnlyList<ScalarValue>? parameters = null)
    {
        var ids = new ColumnIdGenerator();
        var binder = new Binder(_view, ids, parameters?.Select(p => p.IsNull ? null : p.Type).ToArray(), parameters) { TimeZone = Options.TimeZone };
        var logical = binder.BindQuery(query);
        return Optimize(logical, ids, binder.ParameterTypes);
    }

    private PlannedQuery Optimize(LogicalPlan logical, ColumnIdGenerator ids, IReadOnlyList<SqlType> parameterTypes)
    {
        var now = StatementClock();
        var context = new OptimizerContext(ids, _engine.Functions, now, _settings.DisabledRules, Options.TimeZone);
        var optimized = new LogicalOptimizer().Optimize(logical, context);
        var physical = new PhysicalPlanner(Options).Plan(optimized);
        return new PlannedQuery(logical, optimized, physical, parameterTypes, now, context);
    }

    private static long StatementClock() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / 10;

    private StatementResult Run(PlannedQuery planned, IReadOnlyList<ScalarValue> parameters, CancellationToken cancellationToken)
    {
        var context = new TaskContext(Options, cancellationToken, planned.StatementTimestampMicros, parameters.Cast<object?>().ToArray(), _engine.QueryMemory, _engine.Spill);
        var types = planned.Columns.Select(c => c.Type.Kind == TypeKind.Null ? SqlType.String : c.Type).ToArray();
        var batches = Released(Stream(planned.Physical, context, cancellationToken), context);
        var query = _engine.ScanLog.NextQuery();
        var scans = ExternalScanLog.ScansOf(planned.Physical);
        if (scans.Count > 0)
        {
            batches = Logged(batches, query, scans, context, cancellationToken);
        }

        return new StatementResult(ZonedSchema.For(planned.Physical.Schema, Options.TimeZone), types, batches, "SELECT", memory: context.Memory);
    }

    /// <summary>
    /// A query's batches; when the stream ends, however it ends, the query's memory goes back to the process and its
    /// spill files are deleted.
    /// </summary>
    private static async IAsyncEnumerable<RecordBatch> Released(IAsyncEnumerable<RecordBatch> batches, TaskContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (var batch in batches.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }
        }
        finally
        {
            context.Close();
        }
    }

    /// <summary>Records what the query's external scans read once it has run to its end.</summary>
    private async IAsyncEnumerable<RecordBatch> Logged(IAsyncEnumerable<RecordBatch> batches, long query, IReadOnlyList<ExternalScanExec> scans, TaskContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var start = DateTime.UtcNow;
        try
        {
            await foreach (var batch in batches.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }

            _engine.ScanLog.Record(query, scans, context, start);
        }
        finally
        {
            // What the scans handled or skipped, also when a bad row past the tolerance failed the query.
            _engine.ScanErrorLog.Record(query, context.ScanErrors.Snapshot());
        }
    }

    private static IAsyncEnumerable<RecordBatch> Stream(PhysicalOperator plan, TaskContext context, CancellationToken cancellationToken) =>
        Guarded(plan.OutputPartitionCount == 1 ? plan.ExecuteAsync(0, context) : CoalescePartitionsExec.Merge(plan, context, cancellationToken), cancellationToken);

    private async Task<StatementResult> ExplainAsync(ExplainStatement explain, IReadOnlyList<ScalarValue> parameters, CancellationToken cancellationToken)
    {
        if (explain.Statement is not QueryStatement query)
        {
            throw FederationException.NotSupported("EXPLAIN of this statement");
        }

        var planned = PlanQuery(query.Query, parameters);
        var rows = new List<(string Type, string Plan)>();
        if (explain.Verbose)
        {
            rows.Add(("initial_logical_plan", PlanFormatter.Format(planned.Logical)));
        }

        rows.Add(("logical_plan", PlanFormatter.Format(planned.Optimized, estimates: explain.Verbose)));
        if (explain.Analyze)
        {
            var context = new TaskContext(Options, cancellationToken, planned.StatementTimestampMicros, parameters.Cast<object?>().ToArray(), _engine.QueryMemory, _engine.Spill);
            var started = DateTime.UtcNow;
            await foreach (var _ in Released(Stream(planned.Physical, context, cancellationToken), context).ConfigureAwait(false))
            {
            }

            var elapsed = DateTime.UtcNow - started;
            rows.Add(("physical_plan", PlanExplainer.Format(planned.Physical, context)));
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"elapsed={elapsed.TotalMilliseconds:0.###} ms, peak_memory={MemoryPool.Format(context.Memory.PeakBytes)}");
            if (context.Spill is { FilesMade: > 0 } spill)
            {
                summary += string.Create(CultureInfo.InvariantCulture, $", spilled={MemoryPool.Format(spill.WrittenBytes)} in {spill.FilesMade} files");
            }

            rows.Add(("execution", summary));
        }
        else
        {
            rows.Add(("physical_plan", PlanExplainer.Format(planned.Physical)));
        }

        if (explain.Verbose)
        {
            rows.Add(("optimizer_rules", string.Join("\n", planned.OptimizerContext.RuleStatistics.Select(r =>
                string.Create(CultureInfo.InvariantCulture, $"{r.Key}: {r.Value.Elapsed.TotalMilliseconds:0.###} ms, {r.Value.Changes} change(s)")))));
        }

        return TextResult(ExplainColumns, rows.Select(r => new[] { r.Type, r.Plan }).ToArray(), "EXPLAIN");
    }

    private static readonly string[] ExplainColumns = ["plan_type", "plan"];

    private static readonly string[] ShowAllColumns = ["name", "setting"];

    private static PhysicalField[] TextFields(string[] columns) => columns.Select(c => new PhysicalField(c, SqlType.String, false)).ToArray();

    private static Schema TextSchema(string[] columns) => PhysicalOperator.BuildSchema(TextFields(columns));

    private static StatementResult TextResult(string[] columns, IReadOnlyList<string[]> rows, string tag)
    {
        var fields = TextFields(columns);
        var schema = PhysicalOperator.BuildSchema(fields);
        var arrays = new IArrowArray[columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            var builder = VariableWidthBuilder.Utf8(rows.Count);
            foreach (var row in rows)
            {
                builder.Append(row[c]);
            }

            arrays[c] = builder.Build();
        }

        var batch = new RecordBatch(schema, arrays, rows.Count);
        return new StatementResult(schema, fields.Select(f => f.Type).ToArray(), One(batch), tag);
    }

    private static async IAsyncEnumerable<RecordBatch> One(RecordBatch batch)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        yield return batch;
    }

    private (string Schema, string Table) ResolveName(ObjectName name)
    {
        var parts = name.Parts;
        return parts.Count switch
        {
            1 => (_engine.Catalog.DefaultSchema, parts[0].Value),
            2 => (parts[0].Value, parts[1].Value),
            3 => (parts[1].Value, parts[2].Value),
            _ => throw new FederationException(ErrorCode.SyntaxError, $"improper qualified name (too many dotted names): {name}"),
        };
    }

    private async Task<StatementResult> CreateTableAsync(CreateTableStatement create, IReadOnlyList<ScalarValue> parameters, CancellationToken cancellationToken)
    {
        var (schema, name) = ResolveName(create.Name);
        if (_engine.External.FindSchema(schema) is not null)
        {
            throw new FederationException(ErrorCode.NotSupported, $"schema \"{schema}\" is an external schema: its tables are made with CREATE EXTERNAL TABLE");
        }

        if (!_engine.Catalog.SchemaExists(schema))
        {
            throw new FederationException(ErrorCode.SchemaNotFound, $"schema \"{schema}\" does not exist");
        }

        if (_engine.Catalog.FindTable(schema, name) is not null)
        {
            if (create.IfNotExists)
            {
                return StatementResult.Command("CREATE TABLE");
            }

            throw new FederationException(ErrorCode.DuplicateObject, $"relation \"{name}\" already exists");
        }

        if (create.AsQuery is not null)
        {
            var planned = PlanQuery(create.AsQuery, parameters);
            var names = planned.Columns.Select(c => c.Name).ToArray();
            if (create.AsColumnNames is { } aliases)
            {
                if (aliases.Count > names.Length)
                {
                    throw new FederationException(ErrorCode.SyntaxError, "CREATE TABLE AS specifies too many column names");
                }

                for (var i = 0; i < aliases.Count; i++)
                {
                    names[i] = aliases[i].Value;
                }
            }

            CheckDuplicateColumns(names);
            var columns = planned.Columns.Select((c, i) => new TableColumn(names[i], c.Type.Kind == TypeKind.Null ? SqlType.String : c.Type, true)).ToArray();
            var batches = await CollectHeldAsync(Run(planned, parameters, cancellationToken), "CREATE TABLE AS", cancellationToken).ConfigureAwait(false);
            AddTable(schema, name, columns, batches);
            return StatementResult.Command("SELECT", batches.Sum(b => (long)b.Length));
        }

        var definitions = create.Columns.Select(c => new TableColumn(c.Name.Value, TypeNames.Resolve(c.Type), !c.NotNull)).ToArray();
        CheckDuplicateColumns(definitions.Select(d => d.Name).ToArray());
        var encodings = create.Columns.Select((c, i) => c.Encoding is { } e ? ColumnEncoding.Parse(e.Value, c.Name.Value, definitions[i].Type) : ColumnEncoding.Automatic)
            .ToArray();
        AddTable(schema, name, definitions, [], encodings);
        return StatementResult.Command("CREATE TABLE");
    }

    /// <summary>
    /// Makes a table holding <paramref name="rows"/>: on disk in one commit when the engine has a data folder, in
    /// memory otherwise.
    /// </summary>
    private void AddTable(string schema, string name, IReadOnlyList<TableColumn> columns, IReadOnlyList<RecordBatch> rows, IReadOnlyList<ColumnEncoding>? encodings = null)
    {
        if (_engine.LocalTables is not { } store)
        {
            var memory = new MemoryTable(name, columns);
            memory.Append(rows);
            if (!_engine.Catalog.TryAddTable(schema, name, memory))
            {
                throw new FederationException(ErrorCode.DuplicateObject, $"relation \"{name}\" already exists");
            }

            return;
        }

        var table = store.Create(schema, name, columns, rows, encodings);
        if (!_engine.Catalog.TryAddTable(schema, name, table))
        {
            LocalTableStore.Drop(table);
            throw new FederationException(ErrorCode.DuplicateObject, $"relation \"{name}\" already exists");
        }
    }

    /// <summary>
    /// The rows a statement stores, counted against its query's memory limit while they are gathered: a CREATE TABLE AS
    /// over a cross join fails at the limit instead of exhausting the server.
    /// </summary>
    private static async Task<List<RecordBatch>> CollectHeldAsync(StatementResult result, string consumer, CancellationToken cancellationToken)
    {
        var batches = new List<RecordBatch>();
        using var held = result.Memory?.Reserve($"the rows {consumer} stores");
        await foreach (var batch in result.Batches.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            held?.Grow(BatchOps.ByteSize(batch));
            batches.Add(batch);
        }

        return batches;
    }

    private static void CheckDuplicateColumns(IReadOnlyList<string> names)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in names)
        {
            if (!seen.Add(n))
            {
                throw new FederationException(ErrorCode.DuplicateObject, $"column \"{n}\" specified more than once");
            }
        }
    }

    private async Task<StatementResult> InsertAsync(InsertStatement insert, IReadOnlyList<ScalarValue> parameters, CancellationToken cancellationToken)
    {
        var (table, planned) = BindInsert(insert, parameters);
        var batches = await CollectHeldAsync(Run(planned, parameters, cancellationToken), "INSERT", cancellationToken).ConfigureAwait(false);
        var stored = TableConstraints.Apply(table, batches);
        await table.AppendAsync(stored, cancellationToken).ConfigureAwait(false);
        return StatementResult.Command("INSERT", stored.Sum(b => (long)b.Length));
    }

    /// <summary>Plans the rows an INSERT adds, in the table's column order; without parameter values when preparing.</summary>
    private (IWritableTable Table, PlannedQuery Planned) BindInsert(InsertStatement insert, IReadOnlyList<ScalarValue>? parameters)
    {
        var (schema, name) = ResolveName(insert.Table);
        if (insert.Table.Parts.Count > 1 && _engine.External.FindTable(schema, name) is not null)
        {
            throw new FederationException(ErrorCode.NotSupported, $"cannot insert into \"{insert.Table}\": it is an external table, which is read-only");
        }

        var provider = _engine.Catalog.FindTable(schema, name)
            ?? throw new FederationException(ErrorCode.TableNotFound, $"relation \"{insert.Table}\" does not exist");
        if (provider is not IWritableTable table)
        {
            throw new FederationException(ErrorCode.NotSupported, $"cannot insert into \"{insert.Table}\": it is read-only");
        }

        var columns = table.Columns;
        int[] targets;
        if (insert.Columns is { } list)
        {
            targets = new int[list.Count];
            var seen = new HashSet<int>();
            for (var i = 0; i < list.Count; i++)
            {
                var index = IndexOfColumn(columns, list[i].Value);
                if (index < 0)
                {
                    throw new FederationException(ErrorCode.ColumnNotFound, $"column \"{list[i].Value}\" of relation \"{name}\" does not exist ({list[i].Position})");
                }

                if (!seen.Add(index))
                {
                    throw new FederationException(ErrorCode.DuplicateObject, $"column \"{list[i].Value}\" specified more than once");
                }

                targets[i] = index;
            }
        }
        else
        {
            targets = Enumerable.Range(0, columns.Count).ToArray();
        }

        var ids = new ColumnIdGenerator();
        var binder = new Binder(_view, ids, parameters?.Select(p => p.IsNull ? null : p.Type).ToArray(), parameters) { TimeZone = Options.TimeZone };
        var source = binder.BindInsertSource(insert.Source, targets.Select(t => columns[t].Type).ToArray(), targets.Select(t => columns[t].Name).ToArray());

        // One output column per table column: targeted ones from the source, the rest NULL.
        var sourceColumns = source.Output;
        var items = new ProjectionItem[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            var position = System.Array.IndexOf(targets, c);
            Logical.Expressions.Expr expr = position >= 0
                ? new Logical.Expressions.ColumnRef(sourceColumns[position])
                : Logical.Expressions.Literal.NullOf(columns[c].Type);
            items[c] = new ProjectionItem(expr, ids.NewColumn(columns[c].Name, columns[c].Type, columns[c].Nullable));
        }

        return (table, Optimize(new Projection(source, items), ids, binder.ParameterTypes));
    }

    private static int IndexOfColumn(IReadOnlyList<TableColumn> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Empties local tables; each table's commit is atomic (the tables one after another, as their names are listed).</summary>
    private async Task<StatementResult> TruncateAsync(TruncateStatement truncate, CancellationToken cancellationToken)
    {
        var tables = new List<IWritableTable>();
        foreach (var name in truncate.Names)
        {
            var (schema, table) = ResolveName(name);
            var provider = _engine.Catalog.FindTable(schema, table)
                ?? (name.Parts.Count > 1 && _engine.External.FindTable(schema, table) is not null
                    ? throw new FederationException(ErrorCode.NotSupported, $"cannot truncate \"{name}\": it is an external table, which is read-only")
                    : throw new FederationException(ErrorCode.TableNotFound, $"relation \"{name}\" does not exist"));
            tables.Add(provider as IWritableTable ?? throw new FederationException(ErrorCode.NotSupported, $"cannot truncate \"{name}\": it is read-only"));
        }

        foreach (var table in tables)
        {
            await table.TruncateAsync(cancellationToken).ConfigureAwait(false);
        }

        return StatementResult.Command("TRUNCATE TABLE");
    }

    /// <summary>Drops local tables, and external ones (their definitions and partitions; the files stay).</summary>
    private async Task<StatementResult> DropTableAsync(DropTableStatement drop, CancellationToken cancellationToken)
    {
        foreach (var name in drop.Names)
        {
            var (schema, table) = ResolveName(name);
            var external = name.Parts.Count > 1 && _externalDdl.IsExternal(schema);
            if (!external && _engine.Catalog.FindTable(schema, table) is LocalTable local)
            {
                // The files go first: once the manifest is gone a crash cannot bring the table back.
                LocalTableStore.Drop(local);
            }

            var dropped = external
                ? await _externalDdl.DropTableAsync(schema, table, cancellationToken).ConfigureAwait(false)
                : _engine.Catalog.DropTable(schema, table);
            if (!dropped && !drop.IfExists)
            {
                throw new FederationException(ErrorCode.TableNotFound, $"table \"{name}\" does not exist");
            }
        }

        return StatementResult.Command("DROP TABLE");
    }

    private static string SettingValue(Sql.Ast.Expression value) => value switch
    {
        StringLiteral s => s.Value,
        NumberLiteral n => n.Text,
        BooleanLiteral b => b.Value ? "on" : "off",
        ColumnReference c => string.Join(".", c.Parts.Select(p => p.Value)),
        UnaryExpression { Operator: UnaryOperator.Minus, Operand: NumberLiteral n } => "-" + n.Text,
        IntervalLiteral i => $"interval '{i.Value}'" + (i.LeadingField is null ? "" : " " + i.LeadingField + (i.TrailingField is null ? "" : " to " + i.TrailingField)),
        _ => throw new FederationException(ErrorCode.InvalidArgument, "SET takes a constant value"),
    };

    private StatementResult Show(ShowStatement show)
    {
        if (show.Name is null)
        {
            return TextResult(ShowAllColumns, _settings.All().Select(s => new[] { s.Name, s.Value }).ToArray(), "SHOW");
        }

        var value = _settings.Get(show.Name.Value);
        return TextResult([show.Name.Value], [[value]], "SHOW");
    }
}
