using Federation.Common.Types;

namespace Federation.Functions.Aggregates;

/// <summary>
/// An aggregate function (SUM, COUNT, ...). <see cref="Bind"/> resolves it for argument types, like
/// <see cref="ScalarFunction.Bind"/>; the binding says how to accumulate values per group.
/// </summary>
public abstract class AggregateFunction
{
    public abstract string Name { get; }

    public virtual IReadOnlyList<string> Aliases => [];

    /// <summary>Resolves the aggregate for these argument types (COUNT(*) has none), or null when they do not fit.</summary>
    public abstract AggregateBinding? Bind(IReadOnlyList<SqlType> argumentTypes);

    public virtual string SignatureHint => Name + "(...)";
}
