using Federation.Common.Types;

namespace Federation.Functions;

/// <summary>
/// A scalar SQL function. One instance per function name (aliases map to it); overloads are resolved in
/// <see cref="Bind"/>, which sees the argument types (an untyped literal string arrives as text, NULL as
/// <see cref="SqlType.Null"/>) and answers with the parameter types to cast to, the result type and a kernel,
/// or null when these arguments do not fit.
/// </summary>
public abstract class ScalarFunction
{
    public abstract string Name { get; }

    public virtual IReadOnlyList<string> Aliases => [];

    public virtual Volatility Volatility => Volatility.Immutable;

    /// <summary>
    /// True when any NULL argument makes the result NULL; the optimizer uses it to simplify and to
    /// know the function rejects nulls (outer-join simplification).
    /// </summary>
    public virtual bool IsStrict => true;

    public abstract ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes);

    /// <summary>
    /// <see cref="Bind(IReadOnlyList{SqlType})"/> for a call some of whose arguments are constants known when planning
    /// (<paramref name="constants"/>[i] is the value of a literal argument, null for any other): a function whose
    /// result type depends on an argument's value, as ROUND(x, 2)'s scale does, overrides this.
    /// </summary>
    public virtual ScalarFunctionBinding? Bind(IReadOnlyList<SqlType> argumentTypes, IReadOnlyList<ScalarValue?> constants) => Bind(argumentTypes);

    /// <summary>A human-readable list of accepted signatures for "function does not exist" messages.</summary>
    public virtual string SignatureHint => Name + "(...)";

    protected ScalarFunctionBinding Binding(IReadOnlyList<SqlType> parameters, SqlType returns, ScalarKernel kernel) =>
        new(this, parameters, returns, kernel);
}
