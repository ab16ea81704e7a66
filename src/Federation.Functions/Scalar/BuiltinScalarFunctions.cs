namespace Federation.Functions.Scalar;

/// <summary>Every built-in scalar function, registered by <see cref="FunctionRegistry.Default"/>.</summary>
public static class BuiltinScalarFunctions
{
    public static IReadOnlyList<ScalarFunction> All { get; } =
    [
    ];
}
