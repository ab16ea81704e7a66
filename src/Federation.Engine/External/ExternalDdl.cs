using Federation.Catalog.External;
using Federation.Catalog.Metastore;
using Federation.Common;
using Federation.Logical.Tables;
using Federation.Physical.Files;
using Federation.Planner;
using Federation.Sql.Ast;
using Federation.Storage;

namespace Federation.Engine.External;

/// <summary>
/// Runs Redshift Spectrum's external DDL against the engine's external catalog and its metastore: external schemas,
/// external tables, their partitions, location and properties. Every change goes to the metastore first; the
/// external catalog's cached definition is then refreshed from it. Errors name the schema, table, partition or value.
/// </summary>
internal sealed class ExternalDdl
{
    private readonly FederationEngine _engine;

    public ExternalDdl(FederationEngine engine)
    {
        _engine = engine;
    }

    private ExternalCatalog External => _engine.External;

    public async Task<StatementResult> CreateSchemaAsync(CreateExternalSchemaStatement create, CancellationToken cancellationToken)
    {
        const string tag = "CREATE EXTERNAL SCHEMA";
        var hive = create.Catalog == ExternalCatalogKind.HiveMetastore;
        if (hive && !External.SupportsRemoteMetastores)
        {
            throw new FederationException(ErrorCode.NotSupported,
                "CREATE EXTERNAL SCHEMA ... FROM HIVE METASTORE is not supported by this engine (it was built without the Hive metastore client)");
        }

        var name = create.Name.Value;
        if (External.FindSchema(name) is not null || _engine.Catalog.SchemaExists(name))
        {
            return create.IfNotExists
                ? StatementResult.Command(tag, null, [$"schema \"{name}\" already exists, skipping"])
                : throw new FederationException(ErrorCode.DuplicateObject, $"schema \"{name}\" already exists");
        }

        var database = create.Database.Value;
        if (database.Length == 0)
        {
            throw new FederationException(ErrorCode.InvalidArgument, "DATABASE '' names no database");
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        if (hive)
        {
            if (create.Uri!.Value.Length == 0)
            {
                throw new FederationException(ErrorCode.InvalidArgument, "URI '' names no Hive metastore host");
            }

            if (create.Port is < 1 or > 65535)
            {
                throw new FederationException(ErrorCode.InvalidArgument, $"PORT {create.Port} is not a TCP port (1 to 65535)");
            }

            options["URI"] = create.Uri.Value;
            options["PORT"] = (create.Port ?? 9083).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // REGION and CATALOG_ID say which Glue catalog to open, so they are options before the metastore is.
        if (create.Region is { } region)
        {
            options["REGION"] = region.Value;
        }

        if (create.CatalogId is { } catalogId)
        {
            options["CATALOG_ID"] = catalogId.Value;
        }

        var glue = !hive && External.DataCatalog == ExternalSchemaCatalog.Glue;
        var catalogName = glue ? "the AWS Glue Data Catalog" : "the data catalog";
        var schema = new ExternalSchema(name, database, options)
        {
            Catalog = hive ? ExternalSchemaCatalog.HiveMetastore : glue ? ExternalSchemaCatalog.Glue : ExternalSchemaCatalog.DataCatalog,
        };
        var metastore = External.MetastoreFor(schema);
        var notices = new List<string>();
        if (await metastore.GetDatabaseAsync(database, cancellationToken).ConfigureAwait(false) is null)
        {
            if (hive)
            {
                throw new FederationException(ErrorCode.SchemaNotFound,
                    $"database \"{database}\" does not exist in the Hive metastore at {options["URI"]}:{options["PORT"]}");
            }

            if (!create.CreateExternalDatabase)
            {
                throw new FederationException(ErrorCode.SchemaNotFound,
                    $"database \"{database}\" does not exist in {catalogName}; add CREATE EXTERNAL DATABASE IF NOT EXISTS to create it");
            }

            await metastore.CreateDatabaseAsync(MetastoreDatabase.Named(database), cancellationToken).ConfigureAwait(false);
            notices.Add($"created database \"{database}\" in {catalogName}");
        }

        if (create.IamRole is { } role)
        {
            options["IAM_ROLE"] = role.Arn?.Value ?? "default";
        }

        if (create.CatalogRole is { } catalogRole)
        {
            options["CATALOG_ROLE"] = catalogRole.Arn?.Value ?? "default";
        }

        if (!await External.AddSchemaAsync(schema with { Options = options }, cancellationToken).ConfigureAwait(false))
        {
            throw new FederationException(ErrorCode.DuplicateObject, $"schema \"{name}\" already exists");
        }

        return StatementResult.Command(tag, null, notices);
    }

    /// <summary>Drops the external schemas named (local schemas cannot be dropped yet); with DROP EXTERNAL DATABASE their databases too.</summary>
    public async Task<StatementResult> DropSchemaAsync(DropSchemaStatement drop, CancellationToken cancellationToken)
    {
        // Check every name first, so that an error drops nothing.
        var schemas = new List<ExternalSchema>();
        var notices = new List<string>();
        foreach (var name in drop.Names)
        {
            if (External.FindSchema(name.Value) is { } schema)
            {
                schemas.Add(schema);
            }
            else if (_engine.Catalog.SchemaExists(name.Value))
            {
                throw new FederationException(ErrorCode.NotSupported, $"DROP SCHEMA of the local schema \"{name.Value}\" is not supported yet");
            }
            else if (drop.IfExists)
            {
                notices.Add($"schema \"{name.Value}\" does not exist, skipping");
            }
            else
            {
                throw new FederationException(ErrorCode.SchemaNotFound, $"schema \"{name.Value}\" does not exist");
            }
        }

        if (drop.DropExternalDatabase && schemas.FirstOrDefault(s => !External.MetastoreFor(s).ManagesDatabases) is { } remote)
        {
            throw new FederationException(ErrorCode.NotSupported,
                $"DROP SCHEMA ... DROP EXTERNAL DATABASE is not supported for schema \"{remote.Name}\": its database \"{remote.Database}\" belongs to a Hive metastore; drop the schema without DROP EXTERNAL DATABASE");
        }

        if (drop.DropExternalDatabase && !drop.Cascade)
        {
            foreach (var schema in schemas)
            {
                var metastore = External.MetastoreFor(schema);
                if (await metastore.GetDatabaseAsync(schema.Database, cancellationToken).ConfigureAwait(false) is not null
                    && await metastore.ListTablesAsync(schema.Database, cancellationToken).ConfigureAwait(false) is { Count: > 0 } tables)
                {
                    throw new FederationException(ErrorCode.InvalidArgument,
                        $"cannot drop schema \"{schema.Name}\" with its database \"{schema.Database}\": the database still has table(s) {string.Join(", ", tables.Select(t => t.Name).Order(StringComparer.Ordinal))}; use CASCADE to drop them too");
                }
            }
        }

        foreach (var schema in schemas)
        {
            // The database goes first: removing the schema closes a remote catalog's client.
            var metastore = External.MetastoreFor(schema);
            if (drop.DropExternalDatabase && await metastore.GetDatabaseAsync(schema.Database, cancellationToken).ConfigureAwait(false) is not null)
            {
                await metastore.DropDatabaseAsync(schema.Database, drop.Cascade, cancellationToken).ConfigureAwait(false);
                await External.RefreshDatabaseAsync(schema, cancellationToken).ConfigureAwait(false);
            }

            await External.RemoveSchemaAsync(schema.Name, cancellationToken).ConfigureAwait(false);
        }

        return StatementResult.Command("DROP SCHEMA", null, notices);
    }

    public async Task<StatementResult> CreateTableAsync(CreateExternalTableStatement create, CancellationToken cancellationToken)
    {
        const string tag = "CREATE EXTERNAL TABLE";
        var (schema, name) = Schema(create.Name);
        var display = $"{schema.Name}.{name}";
        if (External.FindTable(schema.Name, name) is not null)
        {
            return create.IfNotExists
                ? StatementResult.Command(tag, null, [$"relation \"{display}\" already exists, skipping"])
                : throw new FederationException(ErrorCode.DuplicateObject, $"relation \"{display}\" already exists");
        }

        var storage = ExternalFormats.Resolve(create);
        if (!_engine.FileFormats.ContainsKey(storage.Format))
        {
            var readable = _engine.FileFormats.Keys.Order(StringComparer.Ordinal).Select(ExternalFormats.Display).ToArray();
            throw new FederationException(ErrorCode.NotSupported,
                $"{ExternalFormats.Display(storage.Format)} files are not readable yet: external tables can be stored as {(readable.Length == 0 ? "nothing in this build" : string.Join(", ", readable))}");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in create.Columns.Concat(create.PartitionColumns))
        {
            TypeNames.Resolve(column.Type);
            if (!seen.Add(column.Name.Value))
            {
                throw new FederationException(ErrorCode.DuplicateObject,
                    create.PartitionColumns.Contains(column) && create.Columns.Any(c => string.Equals(c.Name.Value, column.Name.Value, StringComparison.OrdinalIgnoreCase))
                        ? $"column \"{column.Name.Value}\" of {display} is both a data column and a partition column: partition values are not stored in the files"
                        : $"column \"{column.Name.Value}\" specified more than once");
            }
        }

        var location = Location(create.Location.Value);
        var properties = create.TableProperties.ToDictionary(p => p.Key.Value, p => p.Value.Value, StringComparer.Ordinal);
        CheckProperties(properties, display);
        var table = new MetastoreTable(
            schema.Database,
            name,
            create.Columns.Select(c => new MetastoreColumn(c.Name.Value, c.Type.ToString())).ToArray(),
            create.PartitionColumns.Select(c => new MetastoreColumn(c.Name.Value, c.Type.ToString())).ToArray(),
            location,
            storage,
            properties);
        PartitionProjection.From(table, display);
        BadDataHandling.From(properties, display);
        await External.MetastoreFor(schema).CreateTableAsync(table, cancellationToken).ConfigureAwait(false);
        await External.RefreshTableAsync(schema, name, cancellationToken).ConfigureAwait(false);
        return StatementResult.Command(tag);
    }

    /// <summary>Whether a schema is external (DROP TABLE of its tables then drops them from the metastore).</summary>
    public bool IsExternal(string schema) => External.FindSchema(schema) is not null;

    /// <summary>DROP TABLE of an external table: the definition and its partitions go, the files stay.</summary>
    public async Task<bool> DropTableAsync(string schemaName, string name, CancellationToken cancellationToken)
    {
        var schema = External.FindSchema(schemaName)!;
        if (External.FindTable(schema.Name, name) is null)
        {
            return false;
        }

        await External.MetastoreFor(schema).DropTableAsync(schema.Database, name, cancellationToken).ConfigureAwait(false);
        await External.RefreshTableAsync(schema, name, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<StatementResult> AlterTableAsync(AlterTableStatement alter, CancellationToken cancellationToken)
    {
        var (schema, table, display) = Table(alter.Table);
        var metastore = External.MetastoreFor(schema);
        var columns = PartitionColumns(table, display);
        var notices = new List<string>();
        string tag;
        switch (alter)
        {
            case AlterTableAddPartitionStatement add:
            {
                tag = "ALTER TABLE ADD PARTITION";
                RequirePartitioned(table, display);
                var existing = await metastore.ListPartitionsAsync(table.Database, table.Name, cancellationToken).ConfigureAwait(false);
                var added = new List<MetastorePartition>();
                foreach (var partition in add.Partitions)
                {
                    var values = Values(partition.Partition, table, columns, display);
                    var partitionName = MetastorePartition.Name(table.PartitionKeys, values);
                    if (existing.Concat(added).Any(p => InMemoryMetastore.SameValues(p.Values, values)))
                    {
                        if (!add.IfNotExists)
                        {
                            throw new FederationException(ErrorCode.DuplicateObject, $"partition {partitionName} of {display} already exists");
                        }

                        notices.Add($"partition {partitionName} of {display} already exists, skipping");
                        continue;
                    }

                    added.Add(new MetastorePartition(values, Location(partition.Location.Value)));
                }

                if (added.Count > 0)
                {
                    await metastore.AddPartitionsAsync(table.Database, table.Name, added, cancellationToken).ConfigureAwait(false);
                }

                return StatementResult.Command(tag, added.Count, notices);
            }

            case AlterTableDropPartitionStatement dropPartitions:
            {
                tag = "ALTER TABLE DROP PARTITION";
                RequirePartitioned(table, display);
                var existing = await metastore.ListPartitionsAsync(table.Database, table.Name, cancellationToken).ConfigureAwait(false);
                var dropped = new List<IReadOnlyList<string?>>();
                foreach (var partition in dropPartitions.Partitions)
                {
                    var values = Values(partition, table, columns, display);
                    if (!existing.Any(p => InMemoryMetastore.SameValues(p.Values, values)))
                    {
                        var partitionName = MetastorePartition.Name(table.PartitionKeys, values);
                        if (!dropPartitions.IfExists)
                        {
                            throw new FederationException(ErrorCode.ObjectNotFound, $"partition {partitionName} of {display} does not exist");
                        }

                        notices.Add($"partition {partitionName} of {display} does not exist, skipping");
                        continue;
                    }

                    if (!dropped.Any(d => InMemoryMetastore.SameValues(d, values)))
                    {
                        dropped.Add(values);
                    }
                }

                if (dropped.Count > 0)
                {
                    await metastore.DropPartitionsAsync(table.Database, table.Name, dropped, cancellationToken).ConfigureAwait(false);
                }

                return StatementResult.Command(tag, dropped.Count, notices);
            }

            case AlterTableSetLocationStatement { Partition: { } partition } move:
            {
                RequirePartitioned(table, display);
                var values = Values(partition, table, columns, display);
                var existing = await metastore.ListPartitionsAsync(table.Database, table.Name, cancellationToken).ConfigureAwait(false);
                if (!existing.Any(p => InMemoryMetastore.SameValues(p.Values, values)))
                {
                    throw new FederationException(ErrorCode.ObjectNotFound, $"partition {MetastorePartition.Name(table.PartitionKeys, values)} of {display} does not exist");
                }

                await metastore.AlterPartitionAsync(table.Database, table.Name, new MetastorePartition(values, Location(move.Location.Value)), cancellationToken).ConfigureAwait(false);
                return StatementResult.Command("ALTER TABLE");
            }

            case AlterTableSetLocationStatement move:
                await metastore.AlterTableAsync(table with { Location = Location(move.Location.Value) }, cancellationToken).ConfigureAwait(false);
                break;
            case AlterTableSetTablePropertiesStatement set:
            {
                var properties = new Dictionary<string, string>(table.Properties, StringComparer.Ordinal);
                foreach (var property in set.Properties)
                {
                    properties[property.Key.Value] = property.Value.Value;
                }

                CheckProperties(properties, display);
                PartitionProjection.From(table with { Properties = properties }, display);
                BadDataHandling.From(properties, display);
                await metastore.AlterTableAsync(table with { Properties = properties }, cancellationToken).ConfigureAwait(false);
                break;
            }

            default:
                throw FederationException.NotSupported(alter.GetType().Name);
        }

        await External.RefreshTableAsync(schema, table.Name, cancellationToken).ConfigureAwait(false);
        return StatementResult.Command("ALTER TABLE");
    }

    /// <summary>
    /// REFRESH EXTERNAL SCHEMA: the schema's catalog client forgets what it kept (databases, tables, partition lists),
    /// and its table list is read again now.
    /// </summary>
    public async Task<StatementResult> RefreshSchemaAsync(RefreshExternalSchemaStatement refresh, CancellationToken cancellationToken)
    {
        var schema = External.FindSchema(refresh.Name.Value)
            ?? throw new FederationException(ErrorCode.SchemaNotFound, $"external schema \"{refresh.Name.Value}\" does not exist");
        if (External.MetastoreFor(schema) is CachingMetastore cache)
        {
            cache.Flush();
        }

        await External.RefreshDatabaseAsync(schema, cancellationToken).ConfigureAwait(false);
        return StatementResult.Command("REFRESH EXTERNAL SCHEMA");
    }

    /// <summary>REFRESH TABLE schema.table: the metadata cache forgets the table (definition, partition lists), and its definition is read again now.</summary>
    public async Task<StatementResult> RefreshTableAsync(RefreshTableStatement refresh, CancellationToken cancellationToken)
    {
        var (schema, table) = Schema(refresh.Table);
        if (External.MetastoreFor(schema) is CachingMetastore cache)
        {
            cache.FlushTable(schema.Database, table);
        }

        await External.RefreshTableAsync(schema, table, cancellationToken).ConfigureAwait(false);
        if (External.FindTable(schema.Name, table) is null)
        {
            throw new FederationException(ErrorCode.TableNotFound, $"external table \"{schema.Name}.{table}\" does not exist");
        }

        return StatementResult.Command("REFRESH TABLE");
    }

    /// <summary>
    /// MSCK REPAIR TABLE / ALTER TABLE ... RECOVER PARTITIONS: walks the key=value folders under the table's location
    /// one level per partition key (one delimited listing per folder), and registers the folders the metastore does
    /// not list yet. Folders that are not key=value of the expected key, and hidden ones, are ignored.
    /// </summary>
    public async Task<StatementResult> RecoverPartitionsAsync(RecoverPartitionsStatement recover, CancellationToken cancellationToken)
    {
        var (schema, table, display) = Table(recover.Table);
        var metastore = External.MetastoreFor(schema);
        RequirePartitioned(table, display);
        var columns = PartitionColumns(table, display);
        var (store, key) = _engine.Stores.Resolve(table.Location);
        var root = key.Length == 0 || key.EndsWith('/') ? key : key + "/";
        var baseUrl = table.Location.EndsWith('/') ? table.Location : table.Location + "/";

        // Each level: (prefix, values so far).
        var level = new List<(string Prefix, List<string?> Values)> { (root, []) };
        for (var k = 0; k < table.PartitionKeys.Count; k++)
        {
            var next = new List<(string Prefix, List<string?> Values)>();
            foreach (var (prefix, values) in level)
            {
                var listing = await store.ListLevelAsync(prefix, cancellationToken).ConfigureAwait(false);
                foreach (var sub in listing.Prefixes)
                {
                    var folder = sub[prefix.Length..].TrimEnd('/');
                    var equals = folder.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0 || !string.Equals(folder[..equals], table.PartitionKeys[k].Name, StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    var value = PartitionValues.Canonical(PartitionNames.Unescape(folder[(equals + 1)..]), columns[k], display);
                    next.Add((sub, [.. values, value]));
                }
            }

            level = next;
        }

        var existing = await metastore.ListPartitionsAsync(table.Database, table.Name, cancellationToken).ConfigureAwait(false);
        var added = new List<MetastorePartition>();
        foreach (var (prefix, values) in level.OrderBy(l => l.Prefix, StringComparer.Ordinal))
        {
            if (!existing.Concat(added).Any(p => InMemoryMetastore.SameValues(p.Values, values)))
            {
                added.Add(new MetastorePartition(values, baseUrl + prefix[root.Length..]));
            }
        }

        if (added.Count > 0)
        {
            await metastore.AddPartitionsAsync(table.Database, table.Name, added, cancellationToken).ConfigureAwait(false);
        }

        return StatementResult.Command("RECOVER PARTITIONS", added.Count);
    }

    /// <summary>The external schema and table name of schema.table (or catalog.schema.table).</summary>
    private (ExternalSchema Schema, string Table) Schema(ObjectName name)
    {
        var parts = name.Parts;
        var (schema, table) = parts.Count switch
        {
            2 => (parts[0].Value, parts[1].Value),
            3 => (parts[1].Value, parts[2].Value),
            1 => throw new FederationException(ErrorCode.InvalidArgument, $"external table \"{name}\" must be named with its schema, as schema.table"),
            _ => throw new FederationException(ErrorCode.SyntaxError, $"improper qualified name (too many dotted names): {name}"),
        };
        if (External.FindSchema(schema) is { } external)
        {
            return (external, table);
        }

        throw _engine.Catalog.SchemaExists(schema)
            ? new FederationException(ErrorCode.InvalidArgument, $"schema \"{schema}\" is not an external schema: external tables live in schemas made by CREATE EXTERNAL SCHEMA")
            : new FederationException(ErrorCode.SchemaNotFound, $"schema \"{schema}\" does not exist");
    }

    private (ExternalSchema Schema, MetastoreTable Table, string Display) Table(ObjectName name)
    {
        var (schema, table) = Schema(name);
        var definition = External.FindTable(schema.Name, table)
            ?? throw new FederationException(ErrorCode.TableNotFound, $"external table \"{schema.Name}.{table}\" does not exist");
        return (schema, definition, $"{schema.Name}.{definition.Name}");
    }

    private static TableColumn[] PartitionColumns(MetastoreTable table, string display) =>
        table.PartitionKeys.Select(k => new TableColumn(k.Name, ExternalTypes.Resolve(k.Type, k.Name, display))).ToArray();

    private static void RequirePartitioned(MetastoreTable table, string display)
    {
        if (!table.IsPartitioned)
        {
            throw new FederationException(ErrorCode.InvalidArgument, $"table {display} is not partitioned (it has no PARTITIONED BY columns)");
        }
    }

    /// <summary>A PARTITION (key='value', ...) clause as canonical values in key order: every key once, values of the key's type.</summary>
    private static List<string?> Values(PartitionSpec spec, MetastoreTable table, IReadOnlyList<TableColumn> columns, string display)
    {
        var values = new string?[table.PartitionKeys.Count];
        var given = new bool[values.Length];
        foreach (var pair in spec.Values)
        {
            var k = -1;
            for (var i = 0; i < table.PartitionKeys.Count; i++)
            {
                if (string.Equals(table.PartitionKeys[i].Name, pair.Key.Value, StringComparison.OrdinalIgnoreCase))
                {
                    k = i;
                }
            }

            if (k < 0)
            {
                throw new FederationException(ErrorCode.ColumnNotFound,
                    $"\"{pair.Key.Value}\" is not a partition column of {display} (its partition columns are {string.Join(", ", table.PartitionKeys.Select(p => p.Name))})");
            }

            if (given[k])
            {
                throw new FederationException(ErrorCode.DuplicateObject, $"partition column \"{pair.Key.Value}\" is given more than once");
            }

            given[k] = true;
            values[k] = PartitionValues.Canonical(pair.Value.Value, columns[k], display);
        }

        for (var k = 0; k < values.Length; k++)
        {
            if (!given[k])
            {
                throw new FederationException(ErrorCode.InvalidArgument, $"partition of {display} gives no value for partition column \"{table.PartitionKeys[k].Name}\"");
            }
        }

        return values.ToList();
    }

    /// <summary>A location some registered store serves (checked without any request), as given.</summary>
    private string Location(string location)
    {
        if (location.Length == 0)
        {
            throw new FederationException(ErrorCode.InvalidArgument, "LOCATION '' names no location");
        }

        // Spectrum, Athena and Hive read a location as a folder prefix; a wildcard there would be listed as literal key
        // text and silently match nothing, so it is refused where the user wrote it.
        if (ObjectGlob.IsGlob(location))
        {
            throw new FederationException(
                ErrorCode.InvalidArgument,
                $"LOCATION '{location}' is a glob: an external table's location is a folder (prefix) such as '{ObjectGlob.LiteralFolder(location)}'; to read files by pattern use read_parquet('{location}')");
        }

        _engine.Stores.Resolve(location);
        return location;
    }

    private static void CheckProperties(IReadOnlyDictionary<string, string> properties, string display)
    {
        foreach (var (key, value) in properties)
        {
            if (string.Equals(key, "numRows", StringComparison.OrdinalIgnoreCase) && ExternalTable.NumRows(new Dictionary<string, string> { [key] = value }) is null)
            {
                throw new FederationException(ErrorCode.InvalidArgument, $"table property 'numRows' of {display} must be a non-negative number, not '{value}'");
            }
        }
    }
}
