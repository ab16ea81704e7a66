using Federation.Common.Types;

namespace Federation.Physical.Tables;

/// <summary>A function usable in FROM, such as read_parquet('path'): constant arguments in, a table out.</summary>
public interface ITableFunction
{
    string Name { get; }

    ITableProvider Create(IReadOnlyList<ScalarValue> arguments);
}
