using System.Collections.Concurrent;
using Federation.Physical.Tables;

namespace Federation.Catalog;

/// <summary>A catalog held in memory: the session tables of one engine, and tables registered by the host.</summary>
public sealed class MemoryCatalog : ICatalog
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, ITableProvider>> _schemas = new(StringComparer.OrdinalIgnoreCase);

    public MemoryCatalog(string defaultSchema = "public")
    {
        DefaultSchema = defaultSchema;
        CreateSchema(defaultSchema);
    }

    public string DefaultSchema { get; }

    public IReadOnlyList<string> SchemaNames() => _schemas.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();

    public IReadOnlyList<string> TableNames(string schema) =>
        _schemas.TryGetValue(schema, out var tables) ? tables.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray() : [];

    public ITableProvider? FindTable(string schema, string table) =>
        _schemas.TryGetValue(schema, out var tables) && tables.TryGetValue(table, out var provider) ? provider : null;

    public bool TryAddTable(string schema, string table, ITableProvider provider) =>
        _schemas.GetOrAdd(schema, _ => new ConcurrentDictionary<string, ITableProvider>(StringComparer.OrdinalIgnoreCase)).TryAdd(table, provider);

    public bool DropTable(string schema, string table) => _schemas.TryGetValue(schema, out var tables) && tables.TryRemove(table, out _);

    public bool SchemaExists(string schema) => _schemas.ContainsKey(schema);

    public void CreateSchema(string schema) =>
        _schemas.GetOrAdd(schema, _ => new ConcurrentDictionary<string, ITableProvider>(StringComparer.OrdinalIgnoreCase));
}
