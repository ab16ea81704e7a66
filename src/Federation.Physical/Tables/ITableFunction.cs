using Federation.Common.Types;

namespace Federation.Physical.Tables;

/// <summary>A function usable in FROM, such as read_parquet('path'): constant arguments in, a table out.</summary>
public interface ITableFunction
{
    string Name { get; }

    ITableProvider Create(IReadOnlyList<ScalarValue> arguments);

    /// <summary>The parameters the function takes by name (<c>name => value</c>), lower case; none by default.</summary>
    IReadOnlyList<string> NamedParameters => [];

    /// <summary>
    /// The table for positional and named arguments (named ones only of <see cref="NamedParameters"/>, each once: the
    /// binder checks). An error about a named argument's value should say "parameter {name}", so the binder can point at it.
    /// </summary>
    ITableProvider Create(IReadOnlyList<ScalarValue> arguments, IReadOnlyDictionary<string, ScalarValue> named) => Create(arguments);
}
