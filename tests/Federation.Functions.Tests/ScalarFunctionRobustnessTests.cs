using Federation.Common;
using Federation.Common.Types;

namespace Federation.Functions.Tests;

/// <summary>
/// Every registered function, for every signature of up to three arguments it accepts, over extreme values:
/// the only exception allowed out of a kernel is a FederationException.
/// </summary>
public sealed class ScalarFunctionRobustnessTests
{
    private static readonly SqlType[] ArgumentTypes =
    [
        SqlType.Null, SqlType.Boolean, SqlType.Int16, SqlType.Int32, SqlType.Int64, SqlType.Float32, SqlType.Float64,
        SqlType.Decimal(38, 10), SqlType.Decimal(5, 2), SqlType.String, SqlType.Date, SqlType.Timestamp, SqlType.TimestampTz, SqlType.Interval,
    ];

    private static readonly string[] Words =
    [
        string.Empty, "a", "€𝄞x", "((", "[[:alpha:]]+", "\\", "day", "YYYY-MM-DD HH24:MI:SS", "FM9,999.99PR", "999S", "g", "i",
        "2024-02-30", "Month DD, YYYY", "microseconds", "millennium", "J", "9999999999", "epoch", "\"q", "x*",
    ];

    public static IEnumerable<object[]> Functions() =>
        Scalar.BuiltinScalarFunctions.All.Select(f => new object[] { f.Name });

    [Theory]
    [MemberData(nameof(Functions))]
    public void Only_federation_exceptions_escape(string name)
    {
        var function = FunctionRegistry.Default.FindScalar(name)!;
        var bound = 0;
        for (var arity = 0; arity <= 3; arity++)
        {
            foreach (var types in Combinations(arity))
            {
                var binding = function.Bind(types);
                if (binding is null)
                {
                    continue;
                }

                bound++;
                Exercise(binding);
            }
        }

        Assert.True(bound > 0, $"{name} accepted no signature");
    }

    private static void Exercise(ScalarFunctionBinding binding)
    {
        var pools = binding.ParameterTypes.Select(ValuesOf).ToArray();
        var rows = pools.Length == 0 ? 1 : pools.Max(p => p.Count) * 2;
        var arguments = new ColumnarValue[pools.Length];

        // Row by row as scalars, so one failing row does not hide the others.
        for (var row = 0; row < rows; row++)
        {
            for (var k = 0; k < pools.Length; k++)
            {
                arguments[k] = ColumnarValue.FromScalar(pools[k][((row * (k + 1)) + k) % pools[k].Count]);
            }

            Invoke(binding, arguments, 1);
        }

        // And once as arrays.
        for (var k = 0; k < pools.Length; k++)
        {
            var pool = pools[k];
            var values = Enumerable.Range(0, rows).Select(row => pool[((row * (k + 2)) + k) % pool.Count]);
            arguments[k] = ColumnarValue.FromArray(ArrowValues.FromScalars(binding.ParameterTypes[k], values));
        }

        Invoke(binding, arguments, rows);
    }

    private static void Invoke(ScalarFunctionBinding binding, ColumnarValue[] arguments, int rows)
    {
        try
        {
            binding.Kernel(arguments, new KernelContext(rows, FunctionCall.StatementTime));
        }
        catch (FederationException)
        {
        }
        catch (Exception e)
        {
            var args = string.Join(", ", arguments.Select(a => a.IsScalar ? a.Scalar!.ToSqlLiteral() : "array"));
            Assert.Fail($"{binding.Name}({args}) threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
        }
    }

    private static IEnumerable<SqlType[]> Combinations(int arity)
    {
        if (arity == 0)
        {
            yield return [];
            yield break;
        }

        foreach (var rest in Combinations(arity - 1))
        {
            foreach (var type in ArgumentTypes)
            {
                yield return [.. rest, type];
            }
        }
    }

    private static List<ScalarValue> ValuesOf(SqlType type)
    {
        var values = new List<ScalarValue> { ScalarValue.NullOf(type) };
        switch (type.Kind)
        {
            case TypeKind.Boolean:
                values.Add(ScalarValue.Boolean(true));
                values.Add(ScalarValue.Boolean(false));
                break;
            case TypeKind.Int16:
                values.AddRange([ScalarValue.Int16(0), ScalarValue.Int16(-1), ScalarValue.Int16(short.MinValue), ScalarValue.Int16(short.MaxValue)]);
                break;
            case TypeKind.Int32:
                values.AddRange([ScalarValue.Int32(0), ScalarValue.Int32(-1), ScalarValue.Int32(2), ScalarValue.Int32(int.MinValue), ScalarValue.Int32(int.MaxValue)]);
                break;
            case TypeKind.Int64:
                values.AddRange([ScalarValue.Int64(0), ScalarValue.Int64(-1), ScalarValue.Int64(3), ScalarValue.Int64(long.MinValue), ScalarValue.Int64(long.MaxValue)]);
                break;
            case TypeKind.Float32:
                values.AddRange([ScalarValue.Float32(float.NaN), ScalarValue.Float32(float.MaxValue), ScalarValue.Float32(-0.5f)]);
                break;
            case TypeKind.Float64:
                values.AddRange([ScalarValue.Float64(double.NaN), ScalarValue.Float64(double.NegativeInfinity), ScalarValue.Float64(1e308),
                    ScalarValue.Float64(-0.0), ScalarValue.Float64(0.5), ScalarValue.Float64(-1e-320)]);
                break;
            case TypeKind.Decimal:
            {
                var max = DecimalMath.Pow10(type.Precision) - 1;
                values.AddRange([ScalarValue.Decimal(max, type.Precision, type.Scale), ScalarValue.Decimal(-max, type.Precision, type.Scale),
                    ScalarValue.Decimal(0, type.Precision, type.Scale), ScalarValue.Decimal(5, type.Precision, type.Scale)]);
                break;
            }

            case TypeKind.String:
                values.AddRange(Words.Select(ScalarValue.String));
                break;
            case TypeKind.Date:
                values.AddRange([ScalarValue.Date(DateTimeMath.DaysFromCivil(-4713, 11, 24)), ScalarValue.Date(DateTimeMath.DaysFromCivil(5874897, 12, 31)),
                    ScalarValue.Date(0), ScalarValue.Date(DateTimeMath.DaysFromCivil(2024, 2, 29))]);
                break;
            case TypeKind.Timestamp or TypeKind.TimestampTz:
                foreach (var micros in new[] { long.MinValue, long.MaxValue, 0L, -1L, 1_709_164_800_000_000L })
                {
                    values.Add(new ScalarValue(type, micros));
                }

                break;
            case TypeKind.Interval:
                values.AddRange([ArrowValues.IntervalOf(int.MaxValue, int.MinValue, long.MinValue / 1000), ArrowValues.IntervalOf(14, 3, -5_400_000_000)]);
                break;
        }

        return values;
    }
}
