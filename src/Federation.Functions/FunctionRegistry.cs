using Federation.Functions.Aggregates;
using Federation.Functions.Scalar;

namespace Federation.Functions;

/// <summary>Looks functions up by lower-case name (aliases included).</summary>
public sealed class FunctionRegistry
{
    private readonly Dictionary<string, ScalarFunction> _scalars = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AggregateFunction> _aggregates = new(StringComparer.Ordinal);

    public static FunctionRegistry Default { get; } = CreateDefault();

    private static FunctionRegistry CreateDefault()
    {
        var registry = new FunctionRegistry();
        foreach (var f in BuiltinScalarFunctions.All)
        {
            registry.Register(f);
        }

        foreach (var f in BuiltinAggregateFunctions.All)
        {
            registry.Register(f);
        }

        return registry;
    }

    public void Register(ScalarFunction function)
    {
        _scalars[function.Name] = function;
        foreach (var alias in function.Aliases)
        {
            _scalars[alias] = function;
        }
    }

    public void Register(AggregateFunction function)
    {
        _aggregates[function.Name] = function;
        foreach (var alias in function.Aliases)
        {
            _aggregates[alias] = function;
        }
    }

    public ScalarFunction? FindScalar(string name) => _scalars.GetValueOrDefault(name);

    public AggregateFunction? FindAggregate(string name) => _aggregates.GetValueOrDefault(name);

    public IEnumerable<string> ScalarNames => _scalars.Keys;

    public IEnumerable<string> AggregateNames => _aggregates.Keys;

    public IEnumerable<string> AllNames => _scalars.Keys.Concat(_aggregates.Keys).Distinct();
}
