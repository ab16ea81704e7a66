using Federation.Common.Types;
using Federation.Functions;
using Federation.Logical.Tables;

namespace Federation.Planner;

/// <summary>
/// All the binder may ask of the catalog and the session: tables by name, table functions, and the
/// function registry. Nothing else of the catalog is visible to planning.
/// </summary>
public interface ICatalogView
{
    FunctionRegistry Functions { get; }

    /// <summary>The table named by these parts (table, schema.table, catalog.schema.table), or null.</summary>
    ITableSource? FindTable(IReadOnlyList<string> nameParts);

    /// <summary>Names (as users would write them) of tables visible from the default schema, for "did you mean" hints.</summary>
    IEnumerable<string> VisibleTableNames();

    /// <summary>A table produced by a table function such as read_parquet('path'), or null when the function is unknown.</summary>
    ITableSource? ResolveTableFunction(string name, IReadOnlyList<ScalarValue> arguments);

    /// <summary>The same with arguments given by name, each one of <see cref="TableFunctionParameters"/>.</summary>
    ITableSource? ResolveTableFunction(string name, IReadOnlyList<ScalarValue> arguments, IReadOnlyDictionary<string, ScalarValue> named);

    /// <summary>The parameters table function <paramref name="name"/> takes by name (lower case), or null when the function is unknown.</summary>
    IReadOnlyList<string>? TableFunctionParameters(string name);
}
