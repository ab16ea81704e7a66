using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Tests;

/// <summary>
/// Calls a registered scalar function the way the engine does: Bind on the argument types, cast the arguments
/// to the parameter types the binding chose (a small stand-in for the binder's casts), then run the kernel once
/// over the batch.
/// </summary>
public static class FunctionCall
{
    public static readonly long StatementTime = ArrowValues.TimestampTz("2024-03-15 13:45:30.123456").AsInt64();

    /// <summary>Arguments are arrays (IArrowArray) or scalars (ScalarValue); returns the result and its type.</summary>
    public static (ColumnarValue Value, SqlType Type, int Rows) Run(string name, params object[] arguments) => RunIn(null, name, arguments);

    /// <summary>As <see cref="Run"/>, in a session time zone (null for UTC).</summary>
    public static (ColumnarValue Value, SqlType Type, int Rows) RunIn(SessionTimeZone? zone, string name, params object[] arguments)
    {
        var function = FunctionRegistry.Default.FindScalar(name) ?? throw new InvalidOperationException($"no function {name}");
        var types = arguments.Select(TypeOf).ToList();
        var binding = function.Bind(types) ?? throw new InvalidOperationException($"{name} does not accept ({string.Join(", ", types)})");
        Assert.Equal(arguments.Length, binding.ParameterTypes.Count);
        var rows = arguments.OfType<IArrowArray>().Select(a => a.Length).DefaultIfEmpty(1).First();
        var values = new ColumnarValue[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            values[i] = Cast(arguments[i], binding.ParameterTypes[i]);
        }

        var result = binding.Kernel(values, new KernelContext(rows, StatementTime, zone));
        if (!result.IsScalar)
        {
            Assert.Equal(rows, result.Array!.Length);
            Assert.True(ArrowTypes.FromArrow(result.Array.Data.DataType)!.SameComputation(binding.ReturnType) || binding.ReturnType.Kind == TypeKind.Null);
        }
        else if (!result.Scalar!.IsNull)
        {
            Assert.True(result.Scalar.Type.SameComputation(binding.ReturnType), $"scalar {result.Scalar.Type} vs {binding.ReturnType}");
        }

        return (result, binding.ReturnType, rows);
    }

    /// <summary>The result rows as PostgreSQL text (null for SQL NULL).</summary>
    public static string?[] Texts(string name, params object[] arguments)
    {
        var (value, type, rows) = Run(name, arguments);
        return ArrowValues.Texts(value, type, rows);
    }

    /// <summary>A one-row call with scalar arguments, as text.</summary>
    public static string? Text(string name, params object[] arguments)
    {
        var (value, type, rows) = Run(name, arguments);
        Assert.True(value.IsScalar || rows == 1);
        return ArrowValues.Texts(value, type, 1)[0];
    }

    public static void AssertRows(string?[] actual, params string?[] expected) =>
        Assert.Equal((IEnumerable<string?>)expected, actual);

    public static SqlType ReturnType(string name, params SqlType[] types) =>
        FunctionRegistry.Default.FindScalar(name)!.Bind(types)?.ReturnType ?? throw new InvalidOperationException("no binding");

    private static SqlType TypeOf(object argument) => argument switch
    {
        ScalarValue s => s.Type,
        IArrowArray a => ArrowTypes.FromArrow(a.Data.DataType)!,
        _ => throw new ArgumentException("argument must be an array or a scalar"),
    };

    private static ColumnarValue Cast(object argument, SqlType target)
    {
        if (argument is ScalarValue scalar)
        {
            return ColumnarValue.FromScalar(CastScalar(scalar, target));
        }

        var array = (IArrowArray)argument;
        var source = ArrowTypes.FromArrow(array.Data.DataType)!;
        if (source.SameComputation(target))
        {
            return ColumnarValue.FromArray(array);
        }

        var scalars = Enumerable.Range(0, array.Length).Select(i => CastScalar(ArrayFactory.GetScalar(array, i, source), target));
        return ColumnarValue.FromArray(ArrowValues.FromScalars(target, scalars));
    }

    private static ScalarValue CastScalar(ScalarValue value, SqlType target)
    {
        if (value.IsNull)
        {
            return ScalarValue.NullOf(target);
        }

        if (value.Type.SameComputation(target))
        {
            return value;
        }

        return (value.Value, target.Kind) switch
        {
            (short or int or long, TypeKind.Int64) => ScalarValue.Int64(value.AsInt64()),
            (short or int or long, TypeKind.Int32) => ScalarValue.Int32(checked((int)value.AsInt64())),
            (short or int or long, TypeKind.Decimal) => ScalarValue.Decimal(DecimalMath.Rescale(value.AsInt64(), 0, target.Scale), target.Precision, target.Scale),
            (Int128 x, TypeKind.Decimal) => ScalarValue.Decimal(DecimalMath.Rescale(x, value.Type.Scale, target.Scale), target.Precision, target.Scale),
            (_, TypeKind.Float64) => ScalarValue.Float64(value.AsDouble()),
            (int days, TypeKind.Timestamp) => ScalarValue.Timestamp(DateTimeMath.TimestampOfDate(days)),
            (int days, TypeKind.TimestampTz) => ScalarValue.TimestampTz(DateTimeMath.TimestampOfDate(days)),
            (long micros, TypeKind.TimestampTz) => ScalarValue.TimestampTz(micros),
            (string text, TypeKind.Timestamp) => ArrowValues.Timestamp(text),
            (_, TypeKind.String) => ScalarValue.String(value.ToString()),
            _ => throw new InvalidOperationException($"test cast from {value.Type} to {target} not supported"),
        };
    }
}
