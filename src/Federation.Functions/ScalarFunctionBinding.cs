using Federation.Common.Types;

namespace Federation.Functions;

/// <summary>
/// A function resolved for concrete argument types: the binder casts argument i to ParameterTypes[i]
/// (which the function chose), and the kernel then sees exactly those types.
/// </summary>
public sealed record ScalarFunctionBinding(
    ScalarFunction Function,
    IReadOnlyList<SqlType> ParameterTypes,
    SqlType ReturnType,
    ScalarKernel Kernel)
{
    public string Name => Function.Name;
}
