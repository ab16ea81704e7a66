using Federation.Common;

namespace Federation.Catalog.Metastore;

/// <summary>
/// A metastore held in memory, for tests and for <c>fed run</c> without a data folder; <see cref="EmbeddedMetastore"/>
/// persists one of these. Every call takes one lock, so each change is atomic and readers never see half of one.
/// </summary>
public sealed class InMemoryMetastore : IMetastore
{
    private readonly object _lock = new();
    private readonly Dictionary<string, DatabaseState> _databases = new(StringComparer.OrdinalIgnoreCase);

    public InMemoryMetastore()
    {
    }

    /// <summary>A metastore holding what <paramref name="document"/> describes.</summary>
    public InMemoryMetastore(MetastoreDocument document)
    {
        foreach (var entry in document.Databases)
        {
            var database = new DatabaseState(entry.Database);
            foreach (var table in entry.Tables)
            {
                database.Tables[table.Table.Name] = new TableState(table.Table, table.Partitions.ToList());
            }

            _databases[entry.Database.Name] = database;
        }
    }

    /// <summary>Everything this metastore holds, as one value.</summary>
    public MetastoreDocument ToDocument()
    {
        lock (_lock)
        {
            return new MetastoreDocument(MetastoreDocument.CurrentVersion, _databases.Values
                .OrderBy(d => d.Database.Name, StringComparer.Ordinal)
                .Select(d => new MetastoreDocument.DatabaseEntry(d.Database, d.Tables.Values
                    .OrderBy(t => t.Table.Name, StringComparer.Ordinal)
                    .Select(t => new MetastoreDocument.TableEntry(t.Table, t.Partitions.ToArray()))
                    .ToArray()))
                .ToArray());
        }
    }

    public Task<IReadOnlyList<MetastoreDatabase>> ListDatabasesAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<MetastoreDatabase>>(_databases.Values.Select(d => d.Database).OrderBy(d => d.Name, StringComparer.Ordinal).ToArray());
        }
    }

    public Task<MetastoreDatabase?> GetDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_databases.TryGetValue(name, out var database) ? database.Database : null);
        }
    }

    public Task CreateDatabaseAsync(MetastoreDatabase database, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_databases.ContainsKey(database.Name))
            {
                throw new FederationException(ErrorCode.DuplicateObject, $"database \"{database.Name}\" already exists in the catalog");
            }

            _databases[database.Name] = new DatabaseState(database);
            return Task.CompletedTask;
        }
    }

    public Task DropDatabaseAsync(string name, bool cascade, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var database = Database(name);
            if (database.Tables.Count > 0 && !cascade)
            {
                throw new FederationException(ErrorCode.InvalidArgument,
                    $"cannot drop database \"{name}\": it still has {database.Tables.Count} table(s) ({string.Join(", ", database.Tables.Keys.Order(StringComparer.Ordinal))}); use CASCADE to drop them too");
            }

            _databases.Remove(name);
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<MetastoreTable>> ListTablesAsync(string database, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<MetastoreTable>>(Database(database).Tables.Values.Select(t => t.Table).OrderBy(t => t.Name, StringComparer.Ordinal).ToArray());
        }
    }

    public Task<MetastoreTable?> GetTableAsync(string database, string table, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(Database(database).Tables.TryGetValue(table, out var state) ? state.Table : null);
        }
    }

    public Task CreateTableAsync(MetastoreTable table, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var database = Database(table.Database);
            if (database.Tables.ContainsKey(table.Name))
            {
                throw new FederationException(ErrorCode.DuplicateObject, $"table \"{table.Name}\" already exists in database \"{table.Database}\"");
            }

            database.Tables[table.Name] = new TableState(table, []);
            return Task.CompletedTask;
        }
    }

    public Task AlterTableAsync(MetastoreTable table, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var state = Table(table.Database, table.Name);
            if (!state.Table.Columns.SequenceEqual(table.Columns) || !state.Table.PartitionKeys.SequenceEqual(table.PartitionKeys))
            {
                throw new FederationException(ErrorCode.NotSupported, $"changing the columns or partition keys of table \"{table.Database}.{table.Name}\"");
            }

            state.Table = table;
            return Task.CompletedTask;
        }
    }

    public Task DropTableAsync(string database, string table, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!Database(database).Tables.Remove(table))
            {
                throw new FederationException(ErrorCode.TableNotFound, $"table \"{table}\" does not exist in database \"{database}\"");
            }

            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<MetastorePartition>> ListPartitionsAsync(string database, string table, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<MetastorePartition>>(Table(database, table).Partitions.ToArray());
        }
    }

    public Task AddPartitionsAsync(string database, string table, IReadOnlyList<MetastorePartition> partitions, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var state = Table(database, table);
            var added = new List<MetastorePartition>();
            foreach (var partition in partitions)
            {
                CheckArity(state.Table, partition.Values);
                if (state.Partitions.Any(p => SameValues(p.Values, partition.Values)) || added.Any(p => SameValues(p.Values, partition.Values)))
                {
                    throw new FederationException(ErrorCode.DuplicateObject,
                        $"partition {MetastorePartition.Name(state.Table.PartitionKeys, partition.Values)} of table \"{database}.{table}\" already exists");
                }

                added.Add(partition);
            }

            state.Partitions.AddRange(added);
            return Task.CompletedTask;
        }
    }

    public Task DropPartitionsAsync(string database, string table, IReadOnlyList<IReadOnlyList<string?>> values, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var state = Table(database, table);
            var indices = new HashSet<int>();
            foreach (var partition in values)
            {
                CheckArity(state.Table, partition);
                var index = state.Partitions.FindIndex(p => SameValues(p.Values, partition));
                if (index < 0)
                {
                    throw PartitionNotFound(state.Table, partition);
                }

                indices.Add(index);
            }

            foreach (var index in indices.OrderDescending())
            {
                state.Partitions.RemoveAt(index);
            }

            return Task.CompletedTask;
        }
    }

    public Task AlterPartitionAsync(string database, string table, MetastorePartition partition, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var state = Table(database, table);
            CheckArity(state.Table, partition.Values);
            var index = state.Partitions.FindIndex(p => SameValues(p.Values, partition.Values));
            if (index < 0)
            {
                throw PartitionNotFound(state.Table, partition.Values);
            }

            state.Partitions[index] = partition;
            return Task.CompletedTask;
        }
    }

    /// <summary>Whether two partitions have the same values (compared exactly; null equals null).</summary>
    public static bool SameValues(IReadOnlyList<string?> left, IReadOnlyList<string?> right) =>
        left.Count == right.Count && left.Zip(right).All(p => string.Equals(p.First, p.Second, StringComparison.Ordinal));

    private static FederationException PartitionNotFound(MetastoreTable table, IReadOnlyList<string?> values) =>
        new(ErrorCode.ObjectNotFound, $"partition {MetastorePartition.Name(table.PartitionKeys, values)} of table \"{table.Database}.{table.Name}\" does not exist");

    private static void CheckArity(MetastoreTable table, IReadOnlyList<string?> values)
    {
        if (values.Count != table.PartitionKeys.Count)
        {
            throw new FederationException(ErrorCode.InvalidArgument,
                $"table \"{table.Database}.{table.Name}\" has {table.PartitionKeys.Count} partition key(s), but a partition gives {values.Count} value(s)");
        }
    }

    private DatabaseState Database(string name) =>
        _databases.TryGetValue(name, out var database)
            ? database
            : throw new FederationException(ErrorCode.SchemaNotFound, $"database \"{name}\" does not exist in the catalog");

    private TableState Table(string database, string table) =>
        Database(database).Tables.TryGetValue(table, out var state)
            ? state
            : throw new FederationException(ErrorCode.TableNotFound, $"table \"{table}\" does not exist in database \"{database}\"");

    private sealed class DatabaseState(MetastoreDatabase database)
    {
        public MetastoreDatabase Database { get; } = database;

        public Dictionary<string, TableState> Tables { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    private sealed class TableState(MetastoreTable table, List<MetastorePartition> partitions)
    {
        public MetastoreTable Table { get; set; } = table;

        public List<MetastorePartition> Partitions { get; } = partitions;
    }
}
