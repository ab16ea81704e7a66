using System.Collections.Concurrent;
using System.Text;

namespace Federation.Catalog.Metastore;

/// <summary>
/// A metastore in front of another that keeps its answers for a while (Trino's hive.metastore-cache-ttl): databases,
/// tables, table lists and partition lists per partition predicate, each for <see cref="Ttl"/> after it was fetched,
/// at most <see cref="MaxEntries"/> answers of each kind (past that, the oldest half is dropped). Every change made
/// through it drops what it changed first, so a session never reads an answer older than its own statements;
/// <see cref="Flush"/> drops everything (REFRESH or a flush statement). A zero TTL keeps nothing.
/// Partition lists are fetched with the predicate only (without the engine's pruning callback), so the answer
/// depends on the predicate alone and can serve any query with the same one; the engine checks each partition again.
/// Over an <see cref="IPartitionNameSource"/>, a predicate the service refuses is kept as refused, and the query is
/// answered from the kept name list pruned by the engine's callback, fetching only survivors not kept already (each
/// partition is kept by its values): a refusing metastore costs one name listing per TTL, not every partition per query.
/// </summary>
public sealed class CachingMetastore : IMetastore, IDisposable
{
    public const int MaxEntries = 10_000;

    /// <summary>Partitions kept one by one (after name pruning): enough for a few tables of 10,000 partitions.</summary>
    public const int MaxPartitions = 100_000;

    private readonly IMetastore _inner;
    private readonly TimeProvider _clock;
    private readonly Cache<IReadOnlyList<MetastoreDatabase>> _databaseLists = new();
    private readonly Cache<MetastoreDatabase?> _databases = new();
    private readonly Cache<IReadOnlyList<MetastoreTable>> _tableLists = new();
    private readonly Cache<IReadOnlyList<string>> _tableNames = new();
    private readonly Cache<MetastoreTable?> _tables = new();
    private readonly Cache<IReadOnlyList<MetastorePartition>> _partitions = new();
    private readonly Cache<IReadOnlyList<MetastorePartition>?> _filtered = new();
    private readonly Cache<PartitionValueList> _names = new();
    private readonly Cache<MetastorePartition> _byValues = new(MaxPartitions);

    public CachingMetastore(IMetastore inner, TimeSpan ttl, TimeProvider? clock = null)
    {
        _inner = inner;
        Ttl = ttl;
        _clock = clock ?? TimeProvider.System;
    }

    public TimeSpan Ttl { get; }

    public IMetastore Inner => _inner;

    public bool ManagesDatabases => _inner.ManagesDatabases;

    /// <summary>Drops every kept answer.</summary>
    public void Flush()
    {
        _databaseLists.Clear();
        _databases.Clear();
        _tableLists.Clear();
        _tableNames.Clear();
        _tables.Clear();
        _partitions.Clear();
        _filtered.Clear();
        _names.Clear();
        _byValues.Clear();
    }

    /// <summary>Drops every kept answer about one table (REFRESH TABLE), and the table lists of its database.</summary>
    public void FlushTable(string database, string table) => InvalidateTable(database, table);

    public Task<IReadOnlyList<MetastoreDatabase>> ListDatabasesAsync(CancellationToken cancellationToken) =>
        GetAsync(_databaseLists, "", () => _inner.ListDatabasesAsync(cancellationToken));

    public Task<MetastoreDatabase?> GetDatabaseAsync(string name, CancellationToken cancellationToken) =>
        GetAsync(_databases, Key(name), () => _inner.GetDatabaseAsync(name, cancellationToken));

    public Task<IReadOnlyList<MetastoreTable>> ListTablesAsync(string database, CancellationToken cancellationToken) =>
        GetAsync(_tableLists, Key(database), () => _inner.ListTablesAsync(database, cancellationToken));

    public Task<IReadOnlyList<string>> ListTableNamesAsync(string database, CancellationToken cancellationToken) =>
        GetAsync(_tableNames, Key(database), () => _inner.ListTableNamesAsync(database, cancellationToken));

    public Task<MetastoreTable?> GetTableAsync(string database, string table, CancellationToken cancellationToken) =>
        GetAsync(_tables, Key(database, table), () => _inner.GetTableAsync(database, table, cancellationToken));

    public Task<IReadOnlyList<MetastorePartition>> ListPartitionsAsync(string database, string table, CancellationToken cancellationToken) =>
        GetAsync(_partitions, Key(database, table) + "\0*", () => _inner.ListPartitionsAsync(database, table, cancellationToken));

    public Task<IReadOnlyList<MetastorePartition>> ListPartitionsAsync(string database, string table, PartitionFilter filter, CancellationToken cancellationToken)
    {
        if (Ttl <= TimeSpan.Zero)
        {
            return _inner.ListPartitionsAsync(database, table, filter, cancellationToken);
        }

        var predicate = filter.Predicate;
        if (_inner is IPartitionNameSource source)
        {
            return ListByNamesAsync(source, database, table, filter, cancellationToken);
        }

        return GetAsync(_partitions, Key(database, table) + "\0" + (predicate is null ? "*" : Text(predicate)),
            () => predicate is null
                ? _inner.ListPartitionsAsync(database, table, cancellationToken)
                : _inner.ListPartitionsAsync(database, table, new PartitionFilter(predicate, null), cancellationToken));
    }

    /// <summary>The service's filter (its answer, or its refusal, kept per predicate); past a refusal, the kept names pruned by the engine and the survivors fetched once each.</summary>
    private async Task<IReadOnlyList<MetastorePartition>> ListByNamesAsync(IPartitionNameSource source, string database, string table, PartitionFilter filter,
        CancellationToken cancellationToken)
    {
        var tableKey = Key(database, table) + "\0";
        if (filter.Predicate is { } predicate
            && await GetAsync(_filtered, tableKey + Text(predicate), () => source.TryListPartitionsAsync(database, table, predicate, cancellationToken)).ConfigureAwait(false) is { } matching)
        {
            return matching;
        }

        if (filter.Prune is not { } prune)
        {
            return await ListPartitionsAsync(database, table, cancellationToken).ConfigureAwait(false);
        }

        // The list is kept with what the engine's pruning derives from it (the values parsed), so a warm query parses nothing.
        var names = await GetAsync(_names, tableKey, async () => new PartitionValueList(
            await source.ListPartitionNamesAsync(database, table, cancellationToken).ConfigureAwait(false))).ConfigureAwait(false);
        var survivors = PartitionNamePruning.Survivors(names, prune);
        var now = _clock.GetUtcNow();
        var partitions = new List<MetastorePartition>(survivors.Count);
        var missing = new List<MetastorePartitionName>();
        foreach (var name in survivors)
        {
            if (_byValues.TryGet(tableKey + ValuesKey(name.Values), now, out var kept))
            {
                partitions.Add(kept);
            }
            else
            {
                missing.Add(name);
            }
        }

        if (missing.Count > 0)
        {
            var generation = _byValues.Generation;
            foreach (var partition in await source.GetPartitionsAsync(database, table, missing, cancellationToken).ConfigureAwait(false))
            {
                _byValues.Set(tableKey + ValuesKey(partition.Values), partition, now + Ttl, generation);
                partitions.Add(partition);
            }
        }

        return partitions;
    }

    /// <summary>Partition values as one key (lengths first, so no value can run into the next; null apart from any text).</summary>
    private static string ValuesKey(IReadOnlyList<string?> values)
    {
        var key = new StringBuilder();
        foreach (var value in values)
        {
            if (value is null)
            {
                key.Append("-;");
            }
            else
            {
                key.Append(value.Length).Append(':').Append(value).Append(';');
            }
        }

        return key.ToString();
    }

    public async Task CreateDatabaseAsync(MetastoreDatabase database, CancellationToken cancellationToken)
    {
        InvalidateDatabase(database.Name);
        await _inner.CreateDatabaseAsync(database, cancellationToken).ConfigureAwait(false);
        InvalidateDatabase(database.Name);
    }

    public async Task DropDatabaseAsync(string name, bool cascade, CancellationToken cancellationToken)
    {
        // Its tables go too: drop every kept table and partition list of the database.
        InvalidateDatabase(name);
        _tables.RemoveWhere(Key(name) + "\0");
        RemovePartitions(Key(name) + "\0");
        await _inner.DropDatabaseAsync(name, cascade, cancellationToken).ConfigureAwait(false);
        InvalidateDatabase(name);
        _tables.RemoveWhere(Key(name) + "\0");
        RemovePartitions(Key(name) + "\0");
    }

    public Task CreateTableAsync(MetastoreTable table, CancellationToken cancellationToken) =>
        ChangeTableAsync(table.Database, table.Name, () => _inner.CreateTableAsync(table, cancellationToken));

    public Task AlterTableAsync(MetastoreTable table, CancellationToken cancellationToken) =>
        ChangeTableAsync(table.Database, table.Name, () => _inner.AlterTableAsync(table, cancellationToken));

    public Task DropTableAsync(string database, string table, CancellationToken cancellationToken) =>
        ChangeTableAsync(database, table, () => _inner.DropTableAsync(database, table, cancellationToken));

    public Task AddPartitionsAsync(string database, string table, IReadOnlyList<MetastorePartition> partitions, CancellationToken cancellationToken) =>
        ChangeTableAsync(database, table, () => _inner.AddPartitionsAsync(database, table, partitions, cancellationToken));

    public Task DropPartitionsAsync(string database, string table, IReadOnlyList<IReadOnlyList<string?>> values, CancellationToken cancellationToken) =>
        ChangeTableAsync(database, table, () => _inner.DropPartitionsAsync(database, table, values, cancellationToken));

    public Task AlterPartitionAsync(string database, string table, MetastorePartition partition, CancellationToken cancellationToken) =>
        ChangeTableAsync(database, table, () => _inner.AlterPartitionAsync(database, table, partition, cancellationToken));

    public void Dispose() => (_inner as IDisposable)?.Dispose();

    /// <summary>Drops what a change of one table makes stale, before (so a failed change leaves nothing stale either) and after it.</summary>
    private async Task ChangeTableAsync(string database, string table, Func<Task> change)
    {
        InvalidateTable(database, table);
        await change().ConfigureAwait(false);
        InvalidateTable(database, table);
    }

    private void InvalidateTable(string database, string table)
    {
        _tables.Remove(Key(database, table));
        RemovePartitions(Key(database, table) + "\0");
        _tableLists.Remove(Key(database));
        _tableNames.Remove(Key(database));
    }

    private void RemovePartitions(string prefix)
    {
        _partitions.RemoveWhere(prefix);
        _filtered.RemoveWhere(prefix);
        _names.RemoveWhere(prefix);
        _byValues.RemoveWhere(prefix);
    }

    private void InvalidateDatabase(string name)
    {
        _databaseLists.Clear();
        _databases.Remove(Key(name));
        _tableLists.Remove(Key(name));
        _tableNames.Remove(Key(name));
    }

    private async Task<T> GetAsync<T>(Cache<T> cache, string key, Func<Task<T>> fetch)
    {
        if (Ttl <= TimeSpan.Zero)
        {
            return await fetch().ConfigureAwait(false);
        }

        var now = _clock.GetUtcNow();
        if (cache.TryGet(key, now, out var kept))
        {
            return kept;
        }

        // The generation taken before fetching: a change that lands while the call is out makes its answer unkeepable.
        var generation = cache.Generation;
        var value = await fetch().ConfigureAwait(false);
        cache.Set(key, value, now + Ttl, generation);
        return value;
    }

    private static string Key(string database) => database.ToLowerInvariant();

    private static string Key(string database, string table) => database.ToLowerInvariant() + "\0" + table.ToLowerInvariant();

    /// <summary>A predicate as text that tells apart any two different predicates (records of lists do not compare by content).</summary>
    private static string Text(PartitionPredicate predicate)
    {
        var text = new StringBuilder();
        Append(predicate, text);
        return text.ToString();
    }

    private static void Append(PartitionPredicate predicate, StringBuilder text)
    {
        switch (predicate)
        {
            case PartitionComparison c:
                text.Append("(c ").Append(c.Key.Length).Append(':').Append(c.Key.ToLowerInvariant()).Append(' ').Append(c.Operator).Append(' ')
                    .Append(c.Numeric).Append(' ').Append(c.Value.Length).Append(':').Append(c.Value).Append(')');
                break;
            case PartitionInList list:
                text.Append("(in ").Append(list.Key.Length).Append(':').Append(list.Key.ToLowerInvariant()).Append(' ').Append(list.Numeric);
                foreach (var value in list.Values)
                {
                    text.Append(' ').Append(value.Length).Append(':').Append(value);
                }

                text.Append(')');
                break;
            case PartitionAnd and:
                text.Append("(and");
                foreach (var operand in and.Operands)
                {
                    text.Append(' ');
                    Append(operand, text);
                }

                text.Append(')');
                break;
            case PartitionOr or:
                text.Append("(or");
                foreach (var operand in or.Operands)
                {
                    text.Append(' ');
                    Append(operand, text);
                }

                text.Append(')');
                break;
        }
    }

    /// <summary>Answers of one kind by key, each with when it expires.</summary>
    private sealed class Cache<T>(int maxEntries = MaxEntries)
    {
        private readonly ConcurrentDictionary<string, (T Value, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);
        private long _generation;

        public long Generation => Interlocked.Read(ref _generation);

        public bool TryGet(string key, DateTimeOffset now, out T value)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.Expires > now)
            {
                value = entry.Value;
                return true;
            }

            value = default!;
            return false;
        }

        public void Set(string key, T value, DateTimeOffset expires, long generation)
        {
            if (Generation != generation)
            {
                return;
            }

            if (_entries.Count >= maxEntries)
            {
                // Bounded: the half that expires first goes.
                var oldest = _entries.OrderBy(e => e.Value.Expires).Take(_entries.Count / 2).Select(e => e.Key).ToArray();
                foreach (var old in oldest)
                {
                    _entries.TryRemove(old, out _);
                }
            }

            _entries[key] = (value, expires);
        }

        public void Remove(string key)
        {
            Interlocked.Increment(ref _generation);
            _entries.TryRemove(key, out _);
        }

        public void RemoveWhere(string prefix)
        {
            Interlocked.Increment(ref _generation);
            foreach (var key in _entries.Keys)
            {
                if (key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    _entries.TryRemove(key, out _);
                }
            }
        }

        public void Clear()
        {
            Interlocked.Increment(ref _generation);
            _entries.Clear();
        }
    }
}
