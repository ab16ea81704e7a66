using Federation.Catalog;
using Federation.Common.Types;
using Federation.Functions;
using Federation.Logical.Tables;
using Federation.Physical.Tables;
using Federation.Planner;

namespace Federation.Engine;

/// <summary>The binder's window onto the catalog: unqualified names resolve in the default schema.</summary>
internal sealed class CatalogView : ICatalogView
{
    private readonly ICatalog _catalog;
    private readonly IReadOnlyDictionary<string, ITableFunction> _tableFunctions;

    public CatalogView(ICatalog catalog, IReadOnlyDictionary<string, ITableFunction> tableFunctions, FunctionRegistry functions)
    {
        _catalog = catalog;
        _tableFunctions = tableFunctions;
        Functions = functions;
    }

    public FunctionRegistry Functions { get; }

    public ITableSource? FindTable(IReadOnlyList<string> nameParts) => nameParts.Count switch
    {
        1 => _catalog.FindTable(_catalog.DefaultSchema, nameParts[0]),
        2 => _catalog.FindTable(nameParts[0], nameParts[1]),
        3 => _catalog.FindTable(nameParts[1], nameParts[2]),
        _ => null,
    };

    public IEnumerable<string> VisibleTableNames()
    {
        foreach (var schema in _catalog.SchemaNames())
        {
            foreach (var table in _catalog.TableNames(schema))
            {
                yield return string.Equals(schema, _catalog.DefaultSchema, StringComparison.OrdinalIgnoreCase) ? table : $"{schema}.{table}";
            }
        }
    }

    public ITableSource? ResolveTableFunction(string name, IReadOnlyList<ScalarValue> arguments) =>
        _tableFunctions.TryGetValue(name, out var function) ? function.Create(arguments) : null;
}
