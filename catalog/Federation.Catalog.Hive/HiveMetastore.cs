using Federation.Catalog.Hive.Api;
using Federation.Catalog.Hive.Thrift;
using Federation.Catalog.Metastore;
using Federation.Common;
using Federation.Storage;

namespace Federation.Catalog.Hive;

/// <summary>
/// A Hive metastore as an <see cref="IMetastore"/>: Hive's Table, StorageDescriptor, SerDeInfo, FieldSchema and
/// Partition mapped onto the Metastore records (types through <see cref="HiveTypeNames"/>, formats through
/// <see cref="HiveStorageFormats"/>), errors onto FederationExceptions naming the object. Partitions wanted by a
/// query are asked for with get_partitions_by_filter; where the metastore refuses the filter (MetaException, as
/// direct SQL does for non-string keys) or it cannot be written, the names are listed, pruned here and the
/// survivors fetched with get_partitions_by_names in batches. Databases are the metastore's own: Federation does
/// not drop them (Redshift does not either).
/// </summary>
public sealed class HiveMetastore : IMetastore, IPartitionNameSource, IDisposable
{
    private readonly ThriftHiveMetastoreClient _client;

    public HiveMetastore(HiveMetastoreOptions options)
    {
        _client = new ThriftHiveMetastoreClient(options);
    }

    public HiveMetastoreOptions Options => _client.Options;

    /// <summary>The Thrift client, for tests that look at what it learned (get_table_req or get_table).</summary>
    public ThriftHiveMetastoreClient Client => _client;

    public bool ManagesDatabases => false;

    private string Address => _client.Options.Address;

    public async Task<IReadOnlyList<MetastoreDatabase>> ListDatabasesAsync(CancellationToken cancellationToken)
    {
        var databases = new List<MetastoreDatabase>();
        foreach (var name in await _client.GetAllDatabasesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await GetDatabaseAsync(name, cancellationToken).ConfigureAwait(false) is { } database)
            {
                databases.Add(database);
            }
        }

        return databases;
    }

    public async Task<MetastoreDatabase?> GetDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var database = await _client.GetDatabaseAsync(name.ToLowerInvariant(), cancellationToken).ConfigureAwait(false);
            return database is null ? null : new MetastoreDatabase(database.Name, database.LocationUri, database.Parameters);
        }
        catch (HiveServiceException e) when (e.TypeName == "NoSuchObjectException")
        {
            return null;
        }
        catch (HiveServiceException e)
        {
            throw Error(e, $"database \"{name}\"");
        }
    }

    public async Task CreateDatabaseAsync(MetastoreDatabase database, CancellationToken cancellationToken)
    {
        try
        {
            await _client.CreateDatabaseAsync(new HiveDatabase(database.Name.ToLowerInvariant(), null, database.Location, database.Properties), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (HiveServiceException e)
        {
            throw Error(e, $"database \"{database.Name}\"");
        }
    }

    public Task DropDatabaseAsync(string name, bool cascade, CancellationToken cancellationToken) =>
        throw new FederationException(ErrorCode.NotSupported,
            $"DROP EXTERNAL DATABASE is not supported for a Hive metastore: database \"{name}\" stays in the metastore at {Address}; DROP SCHEMA without it removes only the schema");

    public async Task<IReadOnlyList<string>> ListTableNamesAsync(string database, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.GetAllTablesAsync(database.ToLowerInvariant(), cancellationToken).ConfigureAwait(false);
        }
        catch (HiveServiceException e)
        {
            throw Error(e, $"database \"{database}\"");
        }
    }

    public async Task<IReadOnlyList<MetastoreTable>> ListTablesAsync(string database, CancellationToken cancellationToken)
    {
        var tables = new List<MetastoreTable>();
        foreach (var name in await ListTableNamesAsync(database, cancellationToken).ConfigureAwait(false))
        {
            if (await GetTableAsync(database, name, cancellationToken).ConfigureAwait(false) is { } table)
            {
                tables.Add(table);
            }
        }

        return tables;
    }

    public async Task<MetastoreTable?> GetTableAsync(string database, string table, CancellationToken cancellationToken)
    {
        var hive = await GetHiveTableAsync(database, table, cancellationToken).ConfigureAwait(false);
        return hive is null ? null : ToTable(hive);
    }

    private async Task<HiveTable?> GetHiveTableAsync(string database, string table, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.GetTableAsync(database.ToLowerInvariant(), table.ToLowerInvariant(), cancellationToken).ConfigureAwait(false);
        }
        catch (HiveServiceException e) when (e.TypeName == "NoSuchObjectException")
        {
            return null;
        }
        catch (HiveServiceException e)
        {
            throw Error(e, $"table {database}.{table}");
        }
    }

    public async Task CreateTableAsync(MetastoreTable table, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string>(table.Properties, StringComparer.Ordinal) { ["EXTERNAL"] = "TRUE" };
        var hive = new HiveTable(table.Name.ToLowerInvariant(), table.Database.ToLowerInvariant(),
            StorageOf(table.Columns, table.Location, table.Storage), table.PartitionKeys.Select(ToField).ToArray(), parameters)
        {
            Owner = _client.Options.User,
            TableType = "EXTERNAL_TABLE",
        };
        try
        {
            await _client.CreateTableAsync(hive, cancellationToken).ConfigureAwait(false);
        }
        catch (HiveServiceException e)
        {
            throw Error(e, $"table {table.Database}.{table.Name}");
        }
    }

    public async Task AlterTableAsync(MetastoreTable table, CancellationToken cancellationToken)
    {
        var current = await GetHiveTableAsync(table.Database, table.Name, cancellationToken).ConfigureAwait(false)
            ?? throw new FederationException(ErrorCode.TableNotFound, $"table {table.Database}.{table.Name} does not exist in the Hive metastore at {Address}");
        var parameters = new Dictionary<string, string>(current.Parameters, StringComparer.Ordinal);
        foreach (var (key, value) in table.Properties)
        {
            parameters[key] = value;
        }

        var sd = current.StorageDescriptor ?? StorageOf(table.Columns, table.Location, table.Storage);
        var altered = current with { StorageDescriptor = sd with { Location = table.Location }, Parameters = parameters };
        try
        {
            await _client.AlterTableAsync(current.DbName, current.TableName, altered, cancellationToken).ConfigureAwait(false);
        }
        catch (HiveServiceException e)
        {
            throw Error(e, $"table {table.Database}.{table.Name}");
        }
    }

    public async Task DropTableAsync(string database, string table, CancellationToken cancellationToken)
    {
        try
        {
            await _client.DropTableAsync(database.ToLowerInvariant(), table.ToLowerInvariant(), cancellationToken).ConfigureAwait(false);
        }
        catch (HiveServiceException e)
        {
            throw Error(e, $"table {database}.{table}");
        }
    }

    public async Task<IReadOnlyList<MetastorePartition>> ListPartitionsAsync(string database, string table, CancellationToken cancellationToken)
    {
        try
        {
            var partitions = await _client.GetPartitionsAsync(database.ToLowerInvariant(), table.ToLowerInvariant(), cancellationToken).ConfigureAwait(false);
            return partitions.Select(ToPartition).ToArray();
        }
        catch (HiveServiceException e)
        {
            throw Error(e, $"table {database}.{table}");
        }
    }

    public Task<IReadOnlyList<MetastorePartition>> ListPartitionsAsync(string database, string table, PartitionFilter filter, CancellationToken cancellationToken) =>
        PartitionNamePruning.ListAsync(this, this, database, table, filter, cancellationToken);

    /// <summary>get_partitions_by_filter with the predicate as Hive's filter text; null when it cannot be written or the metastore throws MetaException for it.</summary>
    public async Task<IReadOnlyList<MetastorePartition>?> TryListPartitionsAsync(string database, string table, PartitionPredicate predicate, CancellationToken cancellationToken)
    {
        if (HiveFilterText.Render(predicate) is not { } text)
        {
            return null;
        }

        try
        {
            var matching = await _client.GetPartitionsByFilterAsync(database.ToLowerInvariant(), table.ToLowerInvariant(), text, cancellationToken).ConfigureAwait(false);
            return matching.Select(ToPartition).ToArray();
        }
        catch (HiveServiceException e) when (e.TypeName == "MetaException")
        {
            // The metastore cannot evaluate this filter (non-string keys under direct SQL, a function it lacks): names are pruned here instead.
            return null;
        }
        catch (HiveServiceException e)
        {
            throw Error(e, $"table {database}.{table}");
        }
    }

    /// <summary>get_partition_names: every name, no storage descriptors.</summary>
    public async Task<IReadOnlyList<MetastorePartitionName>> ListPartitionNamesAsync(string database, string table, CancellationToken cancellationToken)
    {
        try
        {
            var names = await _client.GetPartitionNamesAsync(database.ToLowerInvariant(), table.ToLowerInvariant(), cancellationToken).ConfigureAwait(false);
            var result = new MetastorePartitionName[names.Count];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = new MetastorePartitionName(names[i], ValuesOfName(names[i]));
            }

            return result;
        }
        catch (HiveServiceException e)
        {
            throw Error(e, $"table {database}.{table}");
        }
    }

    /// <summary>get_partitions_by_names, <see cref="HiveMetastoreOptions.PartitionBatchSize"/> names per call.</summary>
    public async Task<IReadOnlyList<MetastorePartition>> GetPartitionsAsync(string database, string table, IReadOnlyList<MetastorePartitionName> names, CancellationToken cancellationToken)
    {
        var db = database.ToLowerInvariant();
        var name = table.ToLowerInvariant();
        var partitions = new List<MetastorePartition>(names.Count);
        var batch = Math.Max(1, _client.Options.PartitionBatchSize);
        try
        {
            for (var start = 0; start < names.Count; start += batch)
            {
                var slice = new List<string>(Math.Min(batch, names.Count - start));
                for (var i = start; i < names.Count && i < start + batch; i++)
                {
                    slice.Add(names[i].Name);
                }

                foreach (var partition in await _client.GetPartitionsByNamesAsync(db, name, slice, cancellationToken).ConfigureAwait(false))
                {
                    partitions.Add(ToPartition(partition));
                }
            }

            return partitions;
        }
        catch (HiveServiceException e)
        {
            throw Error(e, $"table {database}.{table}");
        }
    }

    public async Task AddPartitionsAsync(string database, string table, IReadOnlyList<MetastorePartition> partitions, CancellationToken cancellationToken)
    {
        var hiveTable = await GetHiveTableAsync(database, table, cancellationToken).ConfigureAwait(false)
            ?? throw new FederationException(ErrorCode.TableNotFound, $"table {database}.{table} does not exist in the Hive metastore at {Address}");
        var sd = hiveTable.StorageDescriptor ?? new HiveStorageDescriptor([], null, null, null, null, new Dictionary<string, string>());
        var hive = partitions.Select(p => new HivePartition(
            p.Values.Select(v => v ?? PartitionNames.DefaultPartition).ToArray(), hiveTable.DbName, hiveTable.TableName,
            sd with { Location = p.Location }, new Dictionary<string, string>())).ToArray();
        try
        {
            await _client.AddPartitionsAsync(hive, cancellationToken).ConfigureAwait(false);
        }
        catch (HiveServiceException e)
        {
            throw Error(e, $"partitions of {database}.{table}");
        }
    }

    /// <summary>
    /// One drop_partitions_req with ifExists false, so the metastore drops all the partitions or none. Hive's refusal
    /// ("Some partitions to drop are missing") names none, so the missing ones are looked up to name them. A metastore
    /// without the call (UNKNOWN_METHOD) gets one drop_partition per partition, which is not all-or-none.
    /// </summary>
    public async Task DropPartitionsAsync(string database, string table, IReadOnlyList<IReadOnlyList<string?>> values, CancellationToken cancellationToken)
    {
        var hiveTable = await GetHiveTableAsync(database, table, cancellationToken).ConfigureAwait(false)
            ?? throw new FederationException(ErrorCode.TableNotFound, $"table {database}.{table} does not exist in the Hive metastore at {Address}");
        var names = values.Select(v => PartitionName(hiveTable, v)).ToArray();
        try
        {
            await _client.DropPartitionsAsync(hiveTable.DbName, hiveTable.TableName, names, ifExists: false, cancellationToken).ConfigureAwait(false);
        }
        catch (ThriftApplicationException e) when (e.Kind == ThriftApplicationException.UnknownMethod)
        {
            await DropPartitionsOneByOneAsync(hiveTable, values, cancellationToken).ConfigureAwait(false);
        }
        catch (HiveServiceException e) when (e.TypeName == "NoSuchObjectException")
        {
            var present = new HashSet<string>(StringComparer.Ordinal);
            foreach (var partition in await _client.GetPartitionsByNamesAsync(hiveTable.DbName, hiveTable.TableName, names, cancellationToken).ConfigureAwait(false))
            {
                present.Add(PartitionName(hiveTable, partition.Values.Select(v => v == PartitionNames.DefaultPartition ? null : v).ToArray()));
            }

            var missing = names.Where(n => !present.Contains(n)).ToArray();
            throw new FederationException(ErrorCode.ObjectNotFound,
                $"partition {(missing.Length == 0 ? string.Join(", ", names) : string.Join(", ", missing))} of {database}.{table} does not exist in the Hive metastore at {Address}; no partition was dropped ({e.Message})", e);
        }
        catch (HiveServiceException e)
        {
            throw Error(e, $"partitions of {database}.{table}");
        }
    }

    private async Task DropPartitionsOneByOneAsync(HiveTable hiveTable, IReadOnlyList<IReadOnlyList<string?>> values, CancellationToken cancellationToken)
    {
        foreach (var partition in values)
        {
            try
            {
                await _client.DropPartitionAsync(hiveTable.DbName, hiveTable.TableName,
                    partition.Select(v => v ?? PartitionNames.DefaultPartition).ToArray(), cancellationToken).ConfigureAwait(false);
            }
            catch (HiveServiceException e)
            {
                throw Error(e, $"partition {PartitionName(hiveTable, partition)} of {hiveTable.DbName}.{hiveTable.TableName}");
            }
        }
    }

    /// <summary>Hive's partition name key1=v1/key2=v2, values escaped as in its folder names, the default partition for null.</summary>
    private static string PartitionName(HiveTable table, IReadOnlyList<string?> values) =>
        string.Join("/", table.PartitionKeys.Select((k, i) => $"{k.Name}={PartitionNames.Escape(values[i])}"));

    public async Task AlterPartitionAsync(string database, string table, MetastorePartition partition, CancellationToken cancellationToken)
    {
        var hiveTable = await GetHiveTableAsync(database, table, cancellationToken).ConfigureAwait(false)
            ?? throw new FederationException(ErrorCode.TableNotFound, $"table {database}.{table} does not exist in the Hive metastore at {Address}");
        var name = PartitionName(hiveTable, partition.Values);
        try
        {
            var current = (await _client.GetPartitionsByNamesAsync(hiveTable.DbName, hiveTable.TableName, [name], cancellationToken).ConfigureAwait(false))
                .FirstOrDefault() ?? throw new FederationException(ErrorCode.ObjectNotFound, $"partition {name} of {database}.{table} does not exist");
            var sd = current.StorageDescriptor ?? hiveTable.StorageDescriptor!;
            await _client.AlterPartitionAsync(hiveTable.DbName, hiveTable.TableName, current with { StorageDescriptor = sd with { Location = partition.Location } },
                cancellationToken).ConfigureAwait(false);
        }
        catch (HiveServiceException e)
        {
            throw Error(e, $"partition {name} of {database}.{table}");
        }
    }

    /// <summary>Values of a partition name key1=v1/key2=v2 in key order, unescaped, the default partition as null.</summary>
    private static IReadOnlyList<string?> ValuesOfName(string name)
    {
        var parts = name.Split('/');
        var values = new string?[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var equals = parts[i].IndexOf('=', StringComparison.Ordinal);
            values[i] = PartitionNames.Unescape(equals < 0 ? parts[i] : parts[i][(equals + 1)..]);
        }

        return values;
    }

    private MetastoreTable ToTable(HiveTable table)
    {
        var sd = table.StorageDescriptor;
        var storage = new MetastoreStorage(HiveStorageFormats.Resolve(sd), sd?.InputFormat, sd?.OutputFormat, sd?.SerDe?.SerializationLib,
            sd?.SerDe?.Parameters ?? new Dictionary<string, string>());
        return new MetastoreTable(
            table.DbName,
            table.TableName,
            (sd?.Columns ?? []).Select(c => new MetastoreColumn(c.Name, HiveTypeNames.FromHive(c.Type))).ToArray(),
            table.PartitionKeys.Select(c => new MetastoreColumn(c.Name, HiveTypeNames.FromHive(c.Type))).ToArray(),
            sd?.Location ?? "",
            storage,
            table.Parameters);
    }

    private static MetastorePartition ToPartition(HivePartition partition) =>
        new(partition.Values.Select(v => v == PartitionNames.DefaultPartition ? null : v).ToArray(), partition.StorageDescriptor?.Location ?? "");

    private static HiveFieldSchema ToField(MetastoreColumn column) => new(column.Name.ToLowerInvariant(), HiveTypeNames.ToHive(column.Type));

    private static HiveStorageDescriptor StorageOf(IReadOnlyList<MetastoreColumn> columns, string location, MetastoreStorage storage) =>
        new(columns.Select(ToField).ToArray(), location, storage.InputFormat, storage.OutputFormat,
            new HiveSerDeInfo(null, storage.SerdeLibrary, storage.SerdeProperties), new Dictionary<string, string>());

    /// <summary>A declared metastore exception as the error it means here, naming the object and the metastore.</summary>
    private FederationException Error(HiveServiceException e, string what) => e.TypeName switch
    {
        "NoSuchObjectException" => new FederationException(ErrorCode.ObjectNotFound, $"{what} does not exist in the Hive metastore at {Address}: {e.Message}", e),
        "AlreadyExistsException" => new FederationException(ErrorCode.DuplicateObject, $"{what} already exists in the Hive metastore at {Address}: {e.Message}", e),
        "InvalidObjectException" or "InvalidOperationException" => new FederationException(ErrorCode.InvalidArgument,
            $"the Hive metastore at {Address} refused {what}: {e.TypeName}: {e.Message}", e),
        _ => new FederationException(ErrorCode.ObjectReadError, $"the Hive metastore at {Address} failed on {what}: {e.TypeName}: {e.Message}", e),
    };

    public void Dispose() => _client.Dispose();
}
