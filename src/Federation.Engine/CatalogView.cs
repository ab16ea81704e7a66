using Federation.Catalog;
using Federation.Catalog.External;
using Federation.Common;
using Federation.Engine.External;
using Federation.Engine.Workers;
using Federation.Common.Types;
using Federation.Functions;
using Federation.Logical.Tables;
using Federation.Physical.Tables;
using Federation.Physical.Files;
using Federation.Planner;
using Federation.Storage;

namespace Federation.Engine;

/// <summary>
/// The binder's window onto the catalog: unqualified names resolve in the default schema; schema.table in an external
/// schema resolves to an external table, from the definitions the external catalog holds (no I/O while binding).
/// </summary>
internal sealed class CatalogView : ICatalogView
{
    private readonly ICatalog _catalog;
    private readonly IReadOnlyDictionary<string, ITableFunction> _tableFunctions;
    private readonly ExternalCatalog _external;
    private readonly ExternalScanLog _scanLog;
    private readonly ObjectStoreRegistry _stores;
    private readonly IReadOnlyDictionary<string, IFileFormat> _formats;
    private readonly FederationEngine _engine;

    public CatalogView(FederationEngine engine)
    {
        _engine = engine;
        _catalog = engine.Catalog;
        _tableFunctions = engine.TableFunctions;
        _external = engine.External;
        _scanLog = engine.ScanLog;
        _stores = engine.Stores;
        _formats = engine.FileFormats;
        Functions = engine.Functions;
    }

    public FunctionRegistry Functions { get; }

    public ITableSource? FindTable(IReadOnlyList<string> nameParts) => nameParts.Count switch
    {
        1 => _catalog.FindTable(_catalog.DefaultSchema, nameParts[0]) ?? SystemView(nameParts[0]),
        2 when string.Equals(nameParts[0], "pg_catalog", StringComparison.OrdinalIgnoreCase) => SystemView(nameParts[1]),
        2 => FindExternalTable(nameParts[0], nameParts[1]) ?? _catalog.FindTable(nameParts[0], nameParts[1]),
        3 => FindExternalTable(nameParts[1], nameParts[2]) ?? _catalog.FindTable(nameParts[1], nameParts[2]),
        _ => null,
    };

    private ITableSource? SystemView(string name) => ExternalSystemViews.Find(name, _external, _scanLog, _engine.ScanErrorLog) ?? WorkerSystemView.Find(name, _engine)
        ?? LocalTableSystemViews.Find(name, _engine);

    /// <summary>An external table; external tables are always named with their schema.</summary>
    private ExternalTable? FindExternalTable(string schema, string table)
    {
        if (_external.FindTable(schema, table) is not { } definition)
        {
            return null;
        }

        if (!_formats.TryGetValue(definition.Storage.Format, out var format))
        {
            throw new FederationException(ErrorCode.NotSupported,
                $"table {schema}.{definition.Name} is stored as {definition.Storage.Format}, which this server cannot read");
        }

        var external = _external.FindSchema(schema)!;
        return new ExternalTable(external.Name, definition, _external.MetastoreFor(external), _stores, format, _engine.Dispatcher);
    }

    public IEnumerable<string> VisibleTableNames()
    {
        foreach (var schema in _catalog.SchemaNames())
        {
            foreach (var table in _catalog.TableNames(schema))
            {
                yield return string.Equals(schema, _catalog.DefaultSchema, StringComparison.OrdinalIgnoreCase) ? table : $"{schema}.{table}";
            }
        }

        foreach (var schema in _external.Schemas())
        {
            foreach (var table in _external.Tables(schema.Name))
            {
                yield return $"{schema.Name}.{table.Name}";
            }
        }
    }

    public ITableSource? ResolveTableFunction(string name, IReadOnlyList<ScalarValue> arguments) =>
        _tableFunctions.TryGetValue(name, out var function) ? function.Create(arguments) : null;

    public ITableSource? ResolveTableFunction(string name, IReadOnlyList<ScalarValue> arguments, IReadOnlyDictionary<string, ScalarValue> named) =>
        _tableFunctions.TryGetValue(name, out var function) ? function.Create(arguments, named) : null;

    public IReadOnlyList<string>? TableFunctionParameters(string name) =>
        _tableFunctions.TryGetValue(name, out var function) ? function.NamedParameters : null;
}
