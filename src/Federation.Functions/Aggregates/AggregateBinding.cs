using Federation.Common.Types;

namespace Federation.Functions.Aggregates;

/// <summary>
/// An aggregate resolved for argument types. StateTypes are the columns a partial aggregate emits and a final
/// aggregate merges (AVG: sum and count); null when the aggregate only runs in one phase.
/// </summary>
public sealed record AggregateBinding(
    AggregateFunction Function,
    IReadOnlyList<SqlType> ParameterTypes,
    SqlType ReturnType,
    IReadOnlyList<SqlType>? StateTypes,
    Func<GroupsAccumulator> CreateAccumulator)
{
    public string Name => Function.Name;

    public bool SupportsPartial => StateTypes is not null;
}
